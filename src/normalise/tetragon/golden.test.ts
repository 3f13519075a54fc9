// Pins the normalised form of representative Tetragon records (test/golden/normalised/tetragon): each
// golden file was reviewed by hand when it was written. Every record gets a fresh lineage tracker, except
// within one constructed file, so a golden depends only on its own records.
import { describe, expect, it } from 'vitest';
import {
  type FixtureRecord,
  fixtureRecord,
  readFixture,
} from '../../sources/tetragon/fixtures.test-support.js';
import { tetragonDecoder } from '../../sources/tetragon/index.js';
import { LineageTracker } from '../lineage.js';
import { normaliseTetragon } from './index.js';

function run(records: readonly FixtureRecord[]) {
  const context = { lineage: new LineageTracker() };
  return records.flatMap(({ value, text }) =>
    tetragonDecoder.decode(value).map((decoded) => {
      if (!decoded.ok) return decoded;
      const result = normaliseTetragon(decoded.event, decoded.raw ?? text, context);
      // The raw record is the fixture itself: checked here, left out of the golden file.
      if (result.ok) expect(result.event.raw).toBe(text);
      return result.ok ? { ok: true as const, event: { ...result.event, raw: undefined } } : result;
    }),
  );
}

async function pin(name: string, results: unknown): Promise<void> {
  await expect(`${JSON.stringify(results, null, 2)}\n`).toMatchFileSnapshot(
    `../../../test/golden/normalised/tetragon/${name}.json`,
  );
}

/** Golden name → one real record (file and line). */
const REAL: Readonly<Record<string, readonly [string, number]>> = {
  'exec-testdata': ['cilium-tetragon/testdata-events.jsonl', 2],
  'exit-docs': ['cilium-tetragon/docs/process-execution__5__process_exit.json', 1],
  'kprobe-file-arg': ['cilium-tetragon/docs/filename-access__6__process_kprobe.json', 1],
  'kprobe-tcp-connect': ['k8sstormcenter/tetragon-calibration-events.jsonl', 2],
  'calibration-read-pod-manifest': ['k8sstormcenter/tetragon-calibration-events.jsonl', 24],
  'pixie-kprobe-setns': ['k8sstormcenter/tetragon-pixie-filesource.jsonl', 3],
  throttle: ['cilium-tetragon/docs/cgroup-rate__1__process_throttle.json', 1],
  'enterprise-connect': ['cilium-tetragon/book/00_four_golden_signals/process_connect.json', 1],
};

const CONSTRUCTED = [
  'CONSTRUCTED_process_exec_ancestors.json',
  'CONSTRUCTED_process_exit.jsonl',
  'CONSTRUCTED_process_tracepoint.json',
  'CONSTRUCTED_process_uprobe.json',
  'CONSTRUCTED_process_usdt.json',
  'CONSTRUCTED_process_loader.json',
  'CONSTRUCTED_rate_limit_info.json',
  'CONSTRUCTED_process_kprobe_arguments.jsonl',
  'CONSTRUCTED_process_kprobe_aggregated.json',
];

describe('tetragon golden files', () => {
  it.each(Object.entries(REAL))('%s', async (name, [file, line]) => {
    const results = run([fixtureRecord(file, line)]);
    expect(results.every((result) => result.ok)).toBe(true);
    await pin(name, results);
  });

  it.each(CONSTRUCTED)('%s', async (file) => {
    const results = run(readFixture(file));
    expect(results.every((result) => result.ok)).toBe(true);
    await pin(file.replace(/^CONSTRUCTED_/, 'constructed-').replace(/\.jsonl?$/, ''), results);
  });

  it('lsm-fragment: rejected for its missing time, and normalised once one is given', async () => {
    const record = fixtureRecord('cilium-tetragon/docs/FRAGMENT_selectors__50__process_lsm.json');
    const timed = { ...(record.value as object), time: '2024-01-01T00:00:00Z' };
    const asIs = run([record]);
    expect(asIs.map((result) => result.ok)).toEqual([false]);
    const withTime = run([{ ...record, value: timed, text: record.text }]);
    await pin('lsm-fragment', { asIs, withTime });
  });
});
