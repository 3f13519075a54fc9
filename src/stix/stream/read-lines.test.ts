import { describe, expect, it } from 'vitest';
import { type ReadItem, type ReadOptions, readStixObjects } from './read.js';

async function* pieces(parts: readonly (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  yield* parts;
}

async function read(
  text: string | readonly (string | Uint8Array)[],
  options?: ReadOptions,
): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readStixObjects(pieces(typeof text === 'string' ? [text] : text), options)) {
    items.push(item);
  }
  return items;
}

function brief(items: readonly ReadItem[]): string[] {
  return items.map((item) => {
    if (item.kind === 'error') return `${item.error.code}@${item.location.line}`;
    if (item.kind === 'bundle') return `bundle:${String(item.bundle['id'])}`;
    return String(item.object['id']);
  });
}

const line = (id: string): string => JSON.stringify({ type: 'indicator', id, name: `name of ${id}` });

describe('readStixObjects: JSON lines', () => {
  it('reads one object per line with 1-based line numbers', async () => {
    const items = await read(`${line('a')}\n${line('b')}\n`);
    expect(items).toEqual([
      { kind: 'object', object: JSON.parse(line('a')), location: { index: 0, line: 1 } },
      { kind: 'object', object: JSON.parse(line('b')), location: { index: 1, line: 2 } },
    ]);
  });

  it('reports a broken line in the middle with its line number and reads on', async () => {
    const text = [line('a'), line('b'), '{"type": "indicator", "id": broken', line('d'), line('e')].join(
      '\n',
    );
    const items = await read(text);
    expect(brief(items)).toEqual(['a', 'b', 'KSTORM_INPUT_JSON@3', 'd', 'e']);
    const error = items[2];
    expect(error?.kind === 'error' && error.error.message).toMatch(/^Line 3 is not valid JSON/);
    expect(error?.location.index).toBe(2);
  });

  it('reads on after a broken first line', async () => {
    expect(brief(await read(`{"type": oops}\n${line('b')}\n`))).toEqual(['KSTORM_INPUT_JSON@1', 'b']);
  });

  it('handles CRLF, blank lines and a last line without newline', async () => {
    const text = `\r\n${line('a')}\r\n\r\n   \r\n${line('b')}\r\n${line('c')}`;
    expect(brief(await read(text))).toEqual(['a', 'b', 'c']);
    const items = await read(text);
    expect(items.map((item) => item.location.line)).toEqual([2, 5, 6]);
  });

  it('skips a UTF-8 byte order mark, also when split across chunks', async () => {
    const bytes = new TextEncoder().encode(`\uFEFF${line('a')}\n${line('b')}\n`);
    expect(brief(await read([bytes]))).toEqual(['a', 'b']);
    expect(brief(await read([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)]))).toEqual([
      'a',
      'b',
    ]);
  });

  it('reports lines that are not objects, or objects without a string type', async () => {
    const text = ['42', '"text"', '[1, 2]', 'null', '{"type": 7, "id": "x"}', line('f')].join('\n');
    const items = await read(text);
    expect(brief(items)).toEqual([
      'KSTORM_INPUT_SHAPE@1',
      'KSTORM_INPUT_SHAPE@2',
      'KSTORM_INPUT_SHAPE@3',
      'KSTORM_INPUT_SHAPE@4',
      'KSTORM_INPUT_SHAPE@5',
      'f',
    ]);
    const first = items[0];
    expect(first?.kind === 'error' && first.error.message).toBe(
      'Line 1 holds a number, not a STIX object or bundle.',
    );
  });

  it('expands a bundle on a line', async () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--9',
      objects: [JSON.parse(line('a')), 5, JSON.parse(line('b'))],
    };
    const items = await read(`${line('x')}\n${JSON.stringify(bundle)}\n${line('y')}\n`);
    expect(brief(items)).toEqual(['x', 'a', 'KSTORM_INPUT_SHAPE@2', 'b', 'bundle:bundle--9', 'y']);
    expect(items[1]).toMatchObject({ bundleId: 'bundle--9', location: { line: 2 } });
    expect(items[4]).toEqual({
      kind: 'bundle',
      bundle: { type: 'bundle', id: 'bundle--9' },
      location: { index: 4, line: 2 },
    });
  });

  it('turns an over-long line into one error without buffering it, and reads on', async () => {
    const long = `{"type": "note", "id": "n", "content": "${'z'.repeat(200_000)}"}`;
    const parts = [`${line('a')}\n`, ...(long.match(/[\s\S]{1,1000}/g) ?? []), `\n${line('c')}\n`];
    const items = await read(parts, { maxRecordBytes: 4096 });
    expect(brief(items)).toEqual(['a', 'KSTORM_INPUT_TOO_LARGE@2', 'c']);
    const error = items[1];
    expect(error?.kind === 'error' && error.error.message).toBe(
      'Line 2 is longer than the 4096-byte record limit.',
    );
  });

  it('reports an over-long last line without newline', async () => {
    const items = await read([`${line('a')}\n`, 'y'.repeat(3000)], { format: 'jsonl', maxRecordBytes: 1000 });
    expect(brief(items)).toEqual(['a', 'KSTORM_INPUT_TOO_LARGE@2']);
  });

  it('reports invalid UTF-8 for its line only', async () => {
    const encoder = new TextEncoder();
    const bad = Uint8Array.of(...encoder.encode('{"type": "x", "id": "'), 0xff, ...encoder.encode('"}\n'));
    const items = await read([encoder.encode(`${line('a')}\n`), bad, encoder.encode(line('c'))]);
    expect(brief(items)).toEqual(['a', 'KSTORM_INPUT_JSON@2', 'c']);
  });

  it('never echoes much of a broken line in the message', async () => {
    const garbage = `{"type": "x", "id": ${'A'.repeat(10_000)}}`;
    const items = await read(`${garbage}\n${line('b')}`);
    const error = items[0];
    expect(error?.kind).toBe('error');
    expect(error?.kind === 'error' && error.error.message.length).toBeLessThan(120);
  });

  it('reads concatenated one-line values as JSON lines', async () => {
    expect(brief(await read(`${line('a')}  \n  ${line('b')}\n\n${line('c')}`))).toEqual(['a', 'b', 'c']);
  });

  it('reads a first line larger than the detection limit as a document', async () => {
    const objects = Array.from({ length: 20_000 }, (_, i) => JSON.parse(line(`id-${i}`)));
    const text = JSON.stringify({ type: 'bundle', id: 'bundle--big', objects });
    expect(text.length).toBeGreaterThan(1_100_000);
    const parts = text.match(/[\s\S]{1,65536}/g) ?? [];
    const items = await read(parts);
    expect(items).toHaveLength(20_001);
    expect(items[19_999]).toMatchObject({ object: { id: 'id-19999' }, bundleId: 'bundle--big' });
    // Only the document reader knows columns: JSON lines items carry none.
    expect(items[1]?.location).toEqual({ index: 1, line: 1, column: expect.any(Number) });
  });
});
