// Decode + normalise never throw, whatever the input: arbitrary JSON and JavaScript values, Tetragon-shaped
// records with arbitrary argument values, real samples with one value replaced, deep nesting, huge text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureFiles, readFixture } from '../../sources/tetragon/fixtures.test-support.js';
import { tetragonDecoder } from '../../sources/tetragon/index.js';
import { LineageTracker } from '../lineage.js';
import { normaliseTetragon } from './index.js';

const context = { lineage: new LineageTracker({ capacity: 1000 }) };

/** Decodes and normalises; checks every rejection is short and coded (throws only on a bug). */
function run(value: unknown): number {
  tetragonDecoder.recognises(value);
  let events = 0;
  for (const decoded of tetragonDecoder.decode(value)) {
    const result = decoded.ok ? normaliseTetragon(decoded.event, 'raw', context) : decoded;
    if (result.ok) {
      events += 1;
      continue;
    }
    expect(result.rejection.message.length).toBeLessThan(300);
    expect(result.rejection.code).toMatch(/^KSTORM_EVENT_(SHAPE|UNKNOWN_KIND|TIME)$/);
  }
  return events;
}

const SAMPLES = fixtureFiles().flatMap((file) => readFixture(file).map((record) => record.text));

type Path = readonly (string | number)[];

/** Paths to the values inside a sample, parents first, depth-bounded. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (prefix.length >= 10 || typeof value !== 'object' || value === null) return out;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  for (const [key, item] of entries) pathsOf(item, [...prefix, key], out);
  return out;
}

function replaceAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last !== undefined) parent[last] = replacement;
  return root;
}

const ODD_VALUES = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.constantFrom('', '<nil>', '__proto__', '18446744073709551615', '-1', 2 ** 60, -0, 1.5, 'AF_INET', '::'),
  fc.string({ maxLength: 80 }),
  fc.base64String({ maxLength: 40 }),
);

const ARGUMENT_KEYS = [
  'int_arg',
  'uint_arg',
  'long_arg',
  'size_arg',
  'string_arg',
  'bytes_arg',
  'truncated_bytes_arg',
  'file_arg',
  'path_arg',
  'linux_binprm_arg',
  'sock_arg',
  'skb_arg',
  'sockaddr_arg',
  'sockaddrun_arg',
  'cred_arg',
  'process_credentials_arg',
  'capability_arg',
  'kernel_cap_t_arg',
  'user_ns_arg',
  'user_namespace_arg',
  'module_arg',
  'net_dev_arg',
  'bpf_attr_arg',
  'bpf_map_arg',
  'bpf_cmd_arg',
  'perf_event_arg',
  'syscall_id',
  'error_arg',
  'label',
  'unknown_arg',
  '__proto__',
];

const ARGUMENT = fc.dictionary(fc.constantFrom(...ARGUMENT_KEYS), ODD_VALUES, { maxKeys: 3 });
const KINDS = [
  'process_kprobe',
  'process_tracepoint',
  'process_lsm',
  'process_uprobe',
  'process_usdt',
  'process_exec',
];

describe('tetragon decode + normalise never throw', () => {
  it('on arbitrary JSON and arbitrary JavaScript values', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true, withBigInt: true })),
        (value) => {
          run(value);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('on Tetragon-shaped records whose arguments, process and time are anything', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.array(ARGUMENT, { maxLength: 5 }),
        fc.option(ARGUMENT),
        fc.dictionary(
          fc.constantFrom('pid', 'exec_id', 'parent_exec_id', 'start_time', 'pod', 'docker'),
          ODD_VALUES,
        ),
        fc.oneof(fc.constant('2024-01-01T00:00:00.123456789Z'), ODD_VALUES),
        (kind, args, returned, process, time) => {
          run({
            [kind]: { process, parent: process, args, return: returned, data: args },
            time,
            node_name: 'n',
          });
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('on real samples with one value replaced by anything', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.nat(), ODD_VALUES, (text, pick, replacement) => {
        const value: unknown = JSON.parse(text);
        const paths = pathsOf(value);
        const path = paths[pick % paths.length] ?? [];
        run(replaceAt(value, path, replacement));
      }),
      { numRuns: 2000 },
    );
  });

  it('on the real samples themselves, all but the two without time becoming events', () => {
    const events = SAMPLES.reduce((sum, text) => sum + run(JSON.parse(text)), 0);
    expect(events).toBe(SAMPLES.length - 2);
  });

  it('on deep nesting and huge strings', () => {
    let deep: unknown = { int_arg: 1 };
    for (let i = 0; i < 5000; i += 1) deep = { unknown_arg: deep, values: [deep] };
    expect(run({ process_kprobe: { args: [deep] }, time: '2024-01-01T00:00:00Z' })).toBe(1);
    let nested: unknown = 1;
    for (let i = 0; i < 5000; i += 1) nested = [nested];
    expect(run({ process_kprobe: { args: [{ unknown_arg: nested }] }, time: '2024-01-01T00:00:00Z' })).toBe(
      1,
    );
    const huge = 'A'.repeat(2_000_000);
    const result = tetragonDecoder.decode({
      process_kprobe: { args: [{ string_arg: huge }, { bytes_arg: huge }, { [huge]: 1 }] },
      time: '2024-01-01T00:00:00Z',
    });
    const [decoded] = result;
    expect(decoded?.ok).toBe(true);
    if (decoded?.ok) {
      const normalised = normaliseTetragon(decoded.event, 'raw', context);
      expect(normalised.ok).toBe(true);
      const texts = normalised.ok ? (normalised.event.detection?.arguments ?? []) : [];
      for (const text of texts) expect(text.length).toBeLessThan(5000);
    }
    expect(run({ [`process_${huge}`]: {}, time: huge })).toBe(0);
  });
});
