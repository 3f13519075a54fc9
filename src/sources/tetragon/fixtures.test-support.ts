/** Reads the Tetragon fixtures (test/fixtures/sensors/tetragon) for the decoder and normaliser tests. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const FIXTURES = new URL('../../../test/fixtures/sensors/tetragon/', import.meta.url).pathname;

/** One record of a fixture file: its parsed value and exact text. */
export interface FixtureRecord {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly value: unknown;
}

/** The records of one fixture (path relative to the fixtures folder): a `.jsonl` has one per line. */
export function readFixture(name: string): FixtureRecord[] {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  if (!name.endsWith('.jsonl')) return [{ file: name, line: 1, text, value: JSON.parse(text) }];
  return text
    .split('\n')
    .map((line, index) => ({ file: name, line: index + 1, text: line }))
    .filter((record) => record.text.trim() !== '')
    .map((record) => ({ ...record, value: JSON.parse(record.text) }));
}

/** The one record of a fixture, or line `line` of a `.jsonl`. */
export function fixtureRecord(name: string, line = 1): FixtureRecord {
  const record = readFixture(name).find((candidate) => candidate.line === line);
  if (record === undefined) throw new Error(`no line ${line} in ${name}`);
  return record;
}

/** Every fixture file holding events (not NOTICE.md), relative to the fixtures folder, sorted. */
export function fixtureFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk(FIXTURES)
    .filter((path) => path.endsWith('.json') || path.endsWith('.jsonl'))
    .map((path) => relative(FIXTURES, path))
    .sort();
}
