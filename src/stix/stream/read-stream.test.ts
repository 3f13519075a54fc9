import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReadItem, readStixObjects } from './read.js';

async function collect(source: AsyncIterable<string | Uint8Array>): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readStixObjects(source)) items.push(item);
  return items;
}

async function* from<T>(parts: readonly T[]): AsyncGenerator<T> {
  yield* parts;
}

/** Cuts a string or byte array at the given positions (any order, duplicates allowed). */
function cut<T extends string | Uint8Array>(whole: T, positions: readonly number[]): T[] {
  const points = [...new Set(positions.map((p) => p % (whole.length + 1)))].sort((a, b) => a - b);
  const parts: T[] = [];
  let start = 0;
  for (const point of [...points, whole.length]) {
    parts.push(whole.slice(start, point) as T);
    start = point;
  }
  return parts;
}

const stixObject = fc.record({
  type: fc.constantFrom('indicator', 'malware', 'x-kstorm-event'),
  id: fc.uuid().map((uuid) => `indicator--${uuid}`),
  name: fc.string({ unit: 'binary', maxLength: 12 }),
  note: fc.constantFrom(
    'plain',
    'Grüße',
    '😀 emoji',
    'ü',
    '中文',
    '\u2028 line separator',
    'tab\t"quoted"\n',
  ),
  extra: fc.jsonValue({ maxDepth: 2 }),
});

const document = fc.oneof(
  fc.array(stixObject, { maxLength: 6 }).map((objects) => ({ type: 'bundle', id: 'bundle--p', objects })),
  stixObject,
  fc.array(stixObject, { maxLength: 6 }),
);

const positions = fc.array(fc.nat(), { maxLength: 12 });

/** What reading a generated document must give: objects and envelopes, as JSON.parse would see them. */
function expected(value: unknown): unknown[] {
  const parsed: unknown = JSON.parse(JSON.stringify(value));
  if (Array.isArray(parsed)) return parsed;
  const { objects, ...envelope } = parsed as { objects?: unknown[] };
  return objects === undefined ? [parsed] : [...objects, envelope];
}

function payloads(items: readonly ReadItem[]): unknown[] {
  return items.map((item) =>
    item.kind === 'object' ? item.object : item.kind === 'bundle' ? item.bundle : item,
  );
}

describe('readStixObjects: chunk boundaries', () => {
  it('yields the same items however a document is split into byte chunks', async () => {
    await fc.assert(
      fc.asyncProperty(document, fc.boolean(), positions, async (value, pretty, at) => {
        const bytes = new TextEncoder().encode(JSON.stringify(value, null, pretty ? 2 : undefined));
        const whole = await collect(from([bytes]));
        expect(payloads(whole)).toEqual(expected(value));
        expect(await collect(from(cut(bytes, at)))).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('yields the same items however a document is split into string chunks, even inside surrogate pairs', async () => {
    await fc.assert(
      fc.asyncProperty(document, positions, async (value, at) => {
        const text = JSON.stringify(value, null, 1);
        expect(await collect(from(cut(text, at)))).toEqual(await collect(from([text])));
      }),
      { numRuns: 100 },
    );
  });

  it('yields the same items however JSON lines are split, including inside multi-byte characters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stixObject, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        positions,
        async (objects, crlf, at) => {
          const text = `${objects.map((object) => JSON.stringify(object)).join(crlf ? '\r\n' : '\n')}\n`;
          const bytes = new TextEncoder().encode(text);
          const items = await collect(from(cut(bytes, at)));
          // Compared with JSON.parse: JSON has no negative zero.
          expect(items.map((item) => (item.kind === 'object' ? item.object : item))).toEqual(
            JSON.parse(JSON.stringify(objects)),
          );
          expect(items.map((item) => item.location.line)).toEqual(objects.map((_, i) => i + 1));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports invalid UTF-8 inside a document string as a JSON error', async () => {
    const encoder = new TextEncoder();
    const parts = [
      encoder.encode('[\n{"type": "a"},\n{"type": "'),
      Uint8Array.of(0xc3, 0x28),
      encoder.encode('"}\n]'),
    ];
    const items = await collect(from(parts));
    expect(items.map((item) => item.kind)).toEqual(['object', 'error']);
    expect(items[1]).toMatchObject({ error: { code: 'KSTORM_INPUT_JSON' }, location: { line: 3 } });
  });

  it('splits one byte at a time through a 4-byte character', async () => {
    const bytes = new TextEncoder().encode('{"type": "x", "name": "😀ü"}\n{"type": "y"}');
    const parts = Array.from(bytes, (byte) => Uint8Array.of(byte));
    const items = await collect(from(parts));
    expect(items.map((item) => item.kind === 'object' && item.object['name'])).toEqual(['😀ü', undefined]);
  });
});

/** A source that counts the chunks it has handed out. */
function countingSource(
  text: string,
  size: number,
): { source: AsyncGenerator<Uint8Array>; given: () => number; total: number } {
  const bytes = new TextEncoder().encode(text);
  let given = 0;
  async function* source(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += size) {
      given += 1;
      yield bytes.subarray(i, i + size);
    }
  }
  return { source: source(), given: () => given, total: Math.ceil(bytes.length / size) };
}

function bigBundle(count: number): { type: string; id: string; objects: Record<string, unknown>[] } {
  const objects = Array.from({ length: count }, (_, i) => ({
    type: 'indicator',
    id: `indicator--${String(i).padStart(8, '0')}`,
    name: `indicator ${i} ü`,
    labels: ['kstorm', `n${i % 7}`],
  }));
  return { type: 'bundle', id: 'bundle--big', objects };
}

describe('readStixObjects: streaming', () => {
  it.each([
    ['pretty-printed', 2],
    ['one-line', undefined],
  ])('yields the first object of a large %s bundle before the source is exhausted', async (_, indent) => {
    const { source, given, total } = countingSource(JSON.stringify(bigBundle(30_000), null, indent), 16_384);
    expect(total).toBeGreaterThan(150);
    for await (const item of readStixObjects(source)) {
      expect(item).toMatchObject({ kind: 'object', object: { id: 'indicator--00000000' } });
      expect(given()).toBeLessThan(total / 2);
      break;
    }
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<string> {
      try {
        yield '{"type": "a"}\n';
        yield '{"type": "b"}\n';
        yield '{"type": "c"}\n';
      } finally {
        closed = true;
      }
    }
    for await (const item of readStixObjects(source())) {
      expect(item.kind).toBe('object');
      break;
    }
    expect(closed).toBe(true);
  });

  it('lets errors of the source itself through', async () => {
    async function* source(): AsyncGenerator<string> {
      yield '{"type": "a"}\n';
      throw new Error('disk on fire');
    }
    await expect(collect(source())).rejects.toThrow('disk on fire');
  });

  it('reads a generated bundle of 20,000 objects in full and in order', async () => {
    const bundle = bigBundle(20_000);
    const { source } = countingSource(JSON.stringify(bundle, null, 2), 65_536);
    const items = await collect(source);
    expect(items).toHaveLength(20_001);
    const ids = items.flatMap((item) => (item.kind === 'object' ? [item.object['id']] : []));
    expect(ids).toEqual(bundle.objects.map((object) => object['id']));
    expect(items.map((item) => item.location.index)).toEqual(items.map((_, i) => i));
    expect(items[20_000]).toMatchObject({ kind: 'bundle', bundle: { id: 'bundle--big' } });
    expect(items[19_999]).toMatchObject({ object: { name: 'indicator 19999 ü' }, bundleId: 'bundle--big' });
  });
});
