/** Reads one sensor's fixtures (test/fixtures/sensors/<sensor>) for its decoder and normaliser tests. */
import { readdirSync, readFileSync } from 'node:fs';

/** One record as the reader would hand it over: its JSON text and the parsed value. */
export interface FixtureRecord {
  readonly text: string;
  readonly value: unknown;
}

export function sensorFixtures(sensor: string) {
  const folder = new URL(`../../test/fixtures/sensors/${sensor}/`, import.meta.url);

  const fixtureNames = (): string[] =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.json') || name.endsWith('.jsonl'))
      .sort();

  /**
   * A `.json` file is one record, or a list of records when it holds a JSON array (each then
   * re-serialised); a `.jsonl` file is one record per non-empty line.
   */
  const fixtureRecords = (name: string): FixtureRecord[] => {
    const text = readFileSync(new URL(name, folder), 'utf8');
    if (!name.endsWith('.jsonl')) {
      const value: unknown = JSON.parse(text);
      if (!Array.isArray(value)) return [{ text, value }];
      return value.map((item: unknown) => ({ text: JSON.stringify(item), value: item }));
    }
    const texts = text.split('\n').filter((line) => line.trim() !== '');
    return texts.map((recordText) => ({ text: recordText, value: JSON.parse(recordText) }));
  };

  /** The single record of a file, or of one line of a `.jsonl` file (0-based). */
  const fixtureRecord = (name: string, line = 0): FixtureRecord => {
    const record = fixtureRecords(name)[line];
    if (record === undefined) throw new Error(`fixture ${name} has no record ${line}`);
    return record;
  };

  /** A parsed copy of a fixture record's value, as a plain object the test may change. */
  const fixtureObject = (name: string, line = 0): Record<string, unknown> =>
    JSON.parse(fixtureRecord(name, line).text) as Record<string, unknown>;

  return { fixtureNames, fixtureRecords, fixtureRecord, fixtureObject };
}
