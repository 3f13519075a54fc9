import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReadItem, readStixObjects } from './read.js';
import { toJsonLine, writeBundle, writeJsonLines } from './write.js';

async function join(pieces: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const piece of pieces) out.push(piece);
  return out;
}

async function* asyncOf<T>(values: readonly T[]): AsyncGenerator<T> {
  yield* values;
}

async function readAll(pieces: AsyncIterable<string>): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readStixObjects(pieces)) items.push(item);
  return items;
}

const objects = [
  { type: 'indicator', id: 'indicator--1', name: 'Grüße 😀', description: 'two\nlines \u2028' },
  { type: 'malware', id: 'malware--1', is_family: false, aliases: ['a', 'b'] },
];

const stixObject = fc.record({
  type: fc.constantFrom('indicator', 'identity', 'x-kstorm-event'),
  id: fc.uuid().map((uuid) => `identity--${uuid}`),
  name: fc.string({ unit: 'binary' }),
  extra: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
});

describe('toJsonLine', () => {
  it('writes compact JSON and one newline, escaping newlines inside strings', () => {
    expect(toJsonLine({ type: 'x', text: 'a\nb' })).toBe('{"type":"x","text":"a\\nb"}\n');
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => toJsonLine(undefined)).toThrow(expect.objectContaining({ code: 'KSTORM_INTERNAL' }));
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => toJsonLine(cyclic)).toThrow(expect.objectContaining({ code: 'KSTORM_INTERNAL' }));
    expect(() => toJsonLine({ big: 1n })).toThrow(expect.objectContaining({ code: 'KSTORM_INTERNAL' }));
  });
});

describe('writeJsonLines', () => {
  it('writes one line per object from sync and async iterables', async () => {
    const expected = ['{"type":"a"}\n', '{"type":"b"}\n'];
    expect(await join(writeJsonLines([{ type: 'a' }, { type: 'b' }]))).toEqual(expected);
    expect(await join(writeJsonLines(asyncOf([{ type: 'a' }, { type: 'b' }])))).toEqual(expected);
    expect(await join(writeJsonLines([]))).toEqual([]);
  });

  it('round-trips through the reader', async () => {
    const items = await readAll(writeJsonLines(objects));
    expect(items).toEqual([
      { kind: 'object', object: objects[0], location: { index: 0, line: 1 } },
      { kind: 'object', object: objects[1], location: { index: 1, line: 2 } },
    ]);
  });
});

describe('writeBundle', () => {
  it('writes the documented envelope around the objects', async () => {
    const pieces = await join(writeBundle(objects, 'bundle--1'));
    expect(pieces[0]).toBe('{"type":"bundle","id":"bundle--1","objects":[\n');
    expect(pieces[2]?.startsWith(',\n')).toBe(true);
    expect(pieces.at(-1)).toBe('\n]}\n');
    expect(JSON.parse(pieces.join(''))).toEqual({ type: 'bundle', id: 'bundle--1', objects });
  });

  it('writes valid JSON for no objects and escapes the bundle id', async () => {
    const text = (await join(writeBundle(asyncOf([]), 'bundle--"x"'))).join('');
    expect(JSON.parse(text)).toEqual({ type: 'bundle', id: 'bundle--"x"', objects: [] });
  });

  it('round-trips through the reader, including the envelope', async () => {
    const items = await readAll(writeBundle(asyncOf(objects), 'bundle--rt'));
    expect(items.map((item) => item.kind)).toEqual(['object', 'object', 'bundle']);
    expect(items[0]).toMatchObject({
      object: objects[0],
      bundleId: 'bundle--rt',
      location: { line: 2, column: 1 },
    });
    expect(items[1]).toMatchObject({ object: objects[1], bundleId: 'bundle--rt', location: { line: 3 } });
    expect(items[2]).toMatchObject({ bundle: { type: 'bundle', id: 'bundle--rt' } });
  });

  it('round-trips any generated objects, as bundle and as JSON lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stixObject, { maxLength: 10 }), async (generated) => {
        const plain = JSON.parse(JSON.stringify(generated)) as unknown[];
        const fromBundle = await readAll(writeBundle(generated, 'bundle--p'));
        expect(fromBundle.map((item) => (item.kind === 'object' ? item.object : item))).toEqual([
          ...plain,
          expect.objectContaining({ kind: 'bundle' }),
        ]);
        const fromLines = await readAll(writeJsonLines(generated));
        expect(fromLines.map((item) => (item.kind === 'object' ? item.object : item))).toEqual(plain);
      }),
      { numRuns: 100 },
    );
  });
});
