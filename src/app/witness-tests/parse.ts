/**
 * WitnessTests files: for each witness, sensor records in their native format that it must match, and
 * near-misses it must not. Records may start from a named template (a realistic record of one sensor)
 * and merge the fields that matter, so each case says only what makes it a match or a miss.
 */
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { KstormError } from '../../util/index.js';

export const WITNESS_TEST_SOURCES = ['tetragon', 'k8s-audit', 'falco', 'kubescape'] as const;
export type WitnessTestSource = (typeof WITNESS_TEST_SOURCES)[number];

/** One case: the witness (leaf id + 1-based index or witness id), its records, and its near-misses. */
export interface WitnessCase {
  readonly leaf: string;
  readonly witness: string;
  readonly source: WitnessTestSource;
  readonly note?: string;
  /** Records ingested in order; the witness must match them. */
  readonly match: readonly Record<string, unknown>[];
  /** Each entry: records the witness must NOT match. */
  readonly nearMisses: readonly (readonly Record<string, unknown>[])[];
  readonly line: number;
}

export interface WitnessTests {
  readonly file: string;
  readonly name: string;
  readonly cases: readonly WitnessCase[];
}

type Raw = Record<string, unknown>;
const isRaw = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
/** Tests files are written by people; a bound keeps a runaway file from exhausting memory. */
const MAX_TESTS_BYTES = 16 * 1024 * 1024;

/** Deep merge: objects merge key by key, anything else (arrays too) replaces; `null` deletes the key. */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isRaw(base) || !isRaw(patch)) return patch;
  const out: Raw = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = deepMerge(base[key], value);
  }
  return out;
}

function fail(file: string, line: number, message: string): never {
  throw new KstormError('KSTORM_WITNESS_TEST', `${file}:${line}: ${message}`);
}

/** Parses a WitnessTests file; a malformed file is an error naming its line. */
export function parseWitnessTests(text: string, file: string): WitnessTests {
  if (text.length > MAX_TESTS_BYTES) fail(file, 1, 'the file is larger than 16 MiB');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) fail(file, lines.linePos(error.pos[0]).line, error.message.split('\n')[0] ?? 'invalid YAML');
  const root = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isRaw(root) || root['kind'] !== 'WitnessTests' || !isRaw(root['spec'])) {
    fail(file, 1, 'not a WitnessTests document (kind: WitnessTests, spec.cases)');
  }
  const spec = root['spec'] as Raw;
  const templates = isRaw(spec['templates']) ? spec['templates'] : {};
  const casesNode = doc.getIn(['spec', 'cases'], true);
  const cases = Array.isArray(spec['cases']) ? spec['cases'] : fail(file, 1, 'spec.cases must be a list');
  const lineOf = (i: number): number => {
    const node = isSeq(casesNode) ? casesNode.items[i] : undefined;
    const offset = isMap(node) && node.range ? node.range[0] : 0;
    return lines.linePos(offset).line;
  };
  const record = (value: unknown, line: number): Raw => {
    if (!isRaw(value)) fail(file, line, 'a record must be a mapping');
    if (typeof value['template'] !== 'string') return value;
    const template = templates[value['template']];
    if (!isRaw(template))
      fail(file, line, `no template ${JSON.stringify(value['template'])} in spec.templates`);
    return deepMerge(template, value['merge'] ?? {}) as Raw;
  };
  return {
    file,
    name: isRaw(root['metadata']) ? String(root['metadata']['name'] ?? file) : file,
    cases: cases.map((raw, i): WitnessCase => {
      const line = lineOf(i);
      if (!isRaw(raw)) fail(file, line, 'a case must be a mapping');
      const leaf = raw['leaf'] ?? raw['ready'];
      if (typeof leaf !== 'string') fail(file, line, 'a case needs leaf: <leaf id> (or ready: <ref>)');
      const source = raw['source'];
      if (!WITNESS_TEST_SOURCES.includes(source as WitnessTestSource)) {
        fail(file, line, `source must be one of ${WITNESS_TEST_SOURCES.join(', ')}`);
      }
      const match = (Array.isArray(raw['match']) ? raw['match'] : [raw['match']]).map((r) => record(r, line));
      if (match.length === 0) fail(file, line, 'a case needs at least one match record');
      const misses = Array.isArray(raw['nearMiss']) ? raw['nearMiss'] : [];
      const nearMisses = misses.map((miss) => {
        if (isRaw(miss) && Array.isArray(miss['records'])) return miss['records'].map((r) => record(r, line));
        if (isRaw(miss) && miss['merge'] !== undefined) {
          return [deepMerge(match[0], miss['merge']) as Raw, ...match.slice(1)];
        }
        return fail(file, line, 'a nearMiss entry is {merge: {...}} or {records: [...]}');
      });
      return {
        leaf,
        witness: String(raw['witness'] ?? 1),
        source: source as WitnessTestSource,
        ...(typeof raw['note'] === 'string' ? { note: raw['note'] } : {}),
        match,
        nearMisses,
        line,
      };
    }),
  };
}
