/** Reads the Kubescape fixtures (test/fixtures/sensors/kubescape) for this sensor's tests. */
import { readdirSync, readFileSync } from 'node:fs';

const FIXTURES = new URL('../../../test/fixtures/sensors/kubescape/', import.meta.url);

/** One record as the reader would hand it over: its JSON text and the parsed value. */
export interface FixtureRecord {
  readonly text: string;
  readonly value: unknown;
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.json') || name.endsWith('.jsonl'))
    .sort();
}

/**
 * A `.json` file is one record, or a list of records when it holds a JSON array (each then re-serialised);
 * a `.jsonl` file is one record per non-empty line.
 */
export function fixtureRecords(name: string): FixtureRecord[] {
  const text = readFileSync(new URL(name, FIXTURES), 'utf8');
  if (!name.endsWith('.jsonl')) {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [{ text, value }];
    return value.map((item: unknown) => ({ text: JSON.stringify(item), value: item }));
  }
  const texts = text.split('\n').filter((line) => line.trim() !== '');
  return texts.map((recordText) => ({ text: recordText, value: JSON.parse(recordText) }));
}

/** The single record of a file, or of one line of a `.jsonl` file (0-based). */
export function fixtureRecord(name: string, line = 0): FixtureRecord {
  const record = fixtureRecords(name)[line];
  if (record === undefined) throw new Error(`fixture ${name} has no record ${line}`);
  return record;
}

/** A parsed copy of a fixture record's value, as a plain object the test may change. */
export function fixtureObject(name: string, line = 0): Record<string, unknown> {
  return JSON.parse(fixtureRecord(name, line).text) as Record<string, unknown>;
}
