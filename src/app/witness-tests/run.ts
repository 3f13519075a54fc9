/**
 * Runs witness tests through the real ingest path: each record is decoded, normalised and mapped to STIX
 * exactly as `kstorm ingest` does, then the witness pattern is matched with the pattern engine. A
 * witness passes when it matches its records and none of its near-misses.
 */
import { Ingestor } from '../../normalise/index.js';
import { matchPattern } from '../../pattern/index.js';
import { leavesOf, type ThreatModel } from '../../threatmodel/index.js';
import type { WitnessCase, WitnessTests } from './parse.js';

/** A witness under test: the leaf (or ready-made ref) it belongs to, its 1-based index and id, its pattern. */
export interface WitnessUnderTest {
  readonly leaf: string;
  readonly index: number;
  readonly id: string;
  readonly pattern: string;
}

export interface CaseResult {
  readonly case: WitnessCase;
  readonly witness?: string;
  readonly passed: boolean;
  /** Why it failed, for people. */
  readonly reason?: string;
}

export interface WitnessTestReport {
  readonly results: readonly CaseResult[];
  /** Witnesses with no case, or no near-miss: not proven. */
  readonly uncovered: readonly { readonly id: string; readonly missing: 'case' | 'near-miss' }[];
}

/** The cluster name test records are ingested under. */
const CLUSTER = 'test';

function observe(
  records: readonly Record<string, unknown>[],
  source: WitnessCase['source'],
): { objects: unknown[] } | { error: string } {
  const ingestor = new Ingestor({ cluster: CLUSTER, source, rawArtifacts: false });
  const objects: unknown[] = [];
  for (const [i, record] of records.entries()) {
    for (const item of ingestor.record(JSON.stringify(record), `record ${i + 1}`)) {
      if (!item.ok)
        return {
          error: `record ${i + 1} was dead-lettered: ${item.deadLetter.code} ${item.deadLetter.message}`,
        };
      objects.push(...item.observation.objects);
    }
  }
  return { objects };
}

function matches(pattern: string, objects: unknown[]): boolean {
  return matchPattern(pattern, objects as never).matched;
}

/** Every witness of the model, numbered per leaf as the tests file names them. */
export function witnessesUnderTest(model: ThreatModel): WitnessUnderTest[] {
  const out: WitnessUnderTest[] = [];
  for (const { leaf } of leavesOf(model)) {
    leaf.witnesses.forEach((w, i) => {
      out.push({ leaf: leaf.id, index: i + 1, id: w.id, pattern: w.pattern });
    });
  }
  return out;
}

export function runWitnessTests(
  witnesses: readonly WitnessUnderTest[],
  tests: WitnessTests,
): WitnessTestReport {
  const find = (c: WitnessCase) =>
    witnesses.find((w) => w.leaf === c.leaf && (String(w.index) === c.witness || w.id === c.witness));
  const results: CaseResult[] = tests.cases.map((c) => {
    const witness = find(c);
    if (!witness) return { case: c, passed: false, reason: `no witness ${c.witness} on leaf ${c.leaf}` };
    const seen = observe(c.match, c.source);
    if ('error' in seen) return { case: c, witness: witness.id, passed: false, reason: seen.error };
    if (!matches(witness.pattern, seen.objects)) {
      return {
        case: c,
        witness: witness.id,
        passed: false,
        reason: 'the witness does not match its records',
      };
    }
    for (const [i, miss] of c.nearMisses.entries()) {
      const near = observe(miss, c.source);
      if ('error' in near)
        return { case: c, witness: witness.id, passed: false, reason: `near-miss ${i + 1}: ${near.error}` };
      if (matches(witness.pattern, near.objects)) {
        return {
          case: c,
          witness: witness.id,
          passed: false,
          reason: `the witness matches near-miss ${i + 1}`,
        };
      }
    }
    return { case: c, witness: witness.id, passed: true };
  });
  const uncovered: { id: string; missing: 'case' | 'near-miss' }[] = [];
  for (const w of witnesses) {
    const mine = results.filter((r) => r.witness === w.id);
    if (mine.length === 0) uncovered.push({ id: w.id, missing: 'case' });
    else if (!mine.some((r) => r.case.nearMisses.length > 0))
      uncovered.push({ id: w.id, missing: 'near-miss' });
  }
  return { results, uncovered };
}
