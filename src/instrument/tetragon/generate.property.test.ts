// Property: whatever witnesses a model holds (random patterns over the paths witnesses use, random
// literals with quotes, wildcards and long text, random hooks and sensor values), the generator never
// writes a policy its own validator rejects, and never reports KSTORM_INSTRUMENT_INVALID.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TetragonSensor } from '../../threatmodel/index.js';
import { generateTracingPolicies } from './generate.js';
import { HOOK_CATALOGUE } from './hooks.js';
import { tetragonLeaf, threatModel } from './model.test-support.js';
import { validateTracingPolicies } from './validate.js';

/** A STIX string literal. */
function literal(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

const text = fc.oneof(
  fc.constantFrom(
    '/etc/passwd',
    '/var/run/secrets/',
    'token',
    'nsenter',
    'string:/bin/sh',
    'int:0',
    'int:08',
    '__x64_sys_setns',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ minLength: 200, maxLength: 400 }),
  // Multi-byte text: Tetragon's limits count UTF-8 bytes.
  fc.string({ unit: 'binary', minLength: 60, maxLength: 700 }),
);
const value = fc.oneof(
  text.map(literal),
  fc.integer({ min: -5, max: 70_000 }).map(String),
  fc.constantFrom("'169.254.169.254'", "'10.0.0.1'", "'fd00::1'", '22', '443'),
);
const path = fc.constantFrom(
  'x-kstorm-event:hook',
  'x-kstorm-event:source',
  'x-kstorm-event:kind',
  'x-kstorm-event:file_refs[*].name',
  'x-kstorm-event:file_refs[*].parent_directory_ref.path',
  'x-kstorm-event:process_ref.image_ref.name',
  'x-kstorm-event:process_ref.image_ref.parent_directory_ref.path',
  'x-kstorm-event:arguments[*]',
  'x-kstorm-event:network_refs[*].dst_ref.value',
  'x-kstorm-event:network_refs[*].dst_port',
  'network-traffic:dst_ref.value',
  'network-traffic:dst_port',
  'x-k8s-api-request:verb',
);
const comparison = fc.oneof(
  fc.tuple(path, value).map(([p, v]) => `${p} = ${v}`),
  fc
    .tuple(path, fc.array(value, { minLength: 1, maxLength: 6 }))
    .map(([p, vs]) => `${p} IN (${vs.join(', ')})`),
  fc
    .tuple(path, text, fc.constantFrom('%', ''), fc.constantFrom('%', ''))
    .map(([p, t, before, after]) => `${p} LIKE ${literal(`${before}${t}${after}`)}`),
);
const observation = fc
  .array(fc.tuple(comparison, fc.constantFrom('AND', 'OR')), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([c, op], i) => (i === 0 ? c : `${op} ${c}`)).join(' '))
  .map((inside) => {
    // Comparisons of one observation must share an object type; patterns that break it just do not parse.
    return `[${inside}]`;
  });
const pattern = fc
  .array(fc.tuple(observation, fc.constantFrom('OR', 'AND', 'FOLLOWEDBY')), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.map(([o, op], i) => (i === 0 ? o : `${op} ${o}`)).join(' '));

const absolutePaths = fc.array(
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.string({ unit: 'binary', minLength: 80, maxLength: 254 }),
    )
    .map((s) => `/${s}`),
  { maxLength: 3 },
);
const sensor: fc.Arbitrary<TetragonSensor> = fc
  .record({
    hook: fc.constantFrom(...HOOK_CATALOGUE),
    arch: fc.constantFrom('', '__x64_', '__arm64_'),
    paths: absolutePaths,
    pathPrefixes: absolutePaths,
    binaries: absolutePaths,
    ports: fc.array(fc.integer({ min: 0, max: 65_535 }), { maxLength: 3 }),
    cidrs: fc.boolean(),
  })
  .map(({ hook, arch, paths, pathPrefixes, binaries, ports, cidrs }) => {
    const files = hook.args.filter((a) => ['file', 'path', 'linux_binprm'].includes(a.type)).length;
    const strings = hook.args.filter((a) => a.type === 'string').length;
    const sockets = hook.args.filter((a) => ['sock', 'sockaddr'].includes(a.type)).length;
    const pathable = files === 1 || (files === 0 && strings === 1);
    return {
      kind: 'tetragon' as const,
      hook: hook.syscall ? `${arch}${hook.name}` : hook.name,
      hookType: hook.hookType,
      ...(pathable && paths.length > 0 ? { paths } : {}),
      ...(pathable && pathPrefixes.length > 0 ? { pathPrefixes } : {}),
      ...(binaries.length > 0 ? { binaries } : {}),
      ...(sockets === 1 && ports.length > 0 ? { ports } : {}),
      ...(sockets === 1 && cidrs ? { addressParameters: ['clusterCidr'] } : {}),
    };
  });

const leaves = fc.array(fc.array(fc.tuple(pattern, sensor), { minLength: 1, maxLength: 8 }), {
  minLength: 1,
  maxLength: 3,
});

describe('generateTracingPolicies (property)', () => {
  it('never writes a policy the validator rejects', () => {
    let filtered = 0;
    let runs = 0;
    fc.assert(
      fc.property(leaves, (witnessSets) => {
        const model = threatModel(witnessSets.map((witnesses, i) => tetragonLeaf(`leaf-${i}`, witnesses)));
        const { files, problems } = generateTracingPolicies(model, {
          clusterCidr: '10.96.0.0/12,fd00::/108',
        });
        expect(problems.filter((p) => p.code === 'KSTORM_INSTRUMENT_INVALID')).toEqual([]);
        expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(files).toHaveLength(witnessSets.length);
        const documents = files.map((file) => ({ name: file.path, value: file.documents[0] }));
        expect(validateTracingPolicies(documents)).toEqual([]);
        runs += 1;
        if (JSON.stringify(documents).includes('"selectors"')) filtered += 1;
      }),
      { numRuns: 150 },
    );
    // Not vacuous: a good share of the random models get selectors narrowed by patterns or sensors.
    expect(filtered).toBeGreaterThan(runs / 4);
  });
});
