import { describe, expect, it } from 'vitest';
import { type RecordItem, readRecords } from './records.js';

async function read(parts: (string | Uint8Array)[], options = {}): Promise<RecordItem[]> {
  async function* chunks() {
    for (const part of parts) yield part;
  }
  const items: RecordItem[] = [];
  for await (const item of readRecords(chunks(), options)) items.push(item);
  return items;
}

const texts = (items: RecordItem[]) => items.map((i) => (i.kind === 'record' ? i.text : i.code));

describe('readRecords', () => {
  it('reads JSON lines across chunk boundaries, skipping blank lines and CRs', async () => {
    const items = await read(['{"a":1}\r\n\n{"b"', ':2}\n', '{"c":3}']);
    expect(texts(items)).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(items.map((i) => i.line)).toEqual([1, 3, 4]);
  });

  it('reads one pretty-printed document as one record', async () => {
    const doc = '{\n  "kind": "EventList",\n  "items": [\n    {"a": 1}\n  ]\n}\n';
    const items = await read([doc.slice(0, 10), doc.slice(10)]);
    expect(items).toEqual([{ kind: 'record', text: doc, line: 1 }]);
  });

  it('reads a one-line array document as one record', async () => {
    expect(texts(await read(['[{"a":1},{"b":2}]']))).toEqual(['[{"a":1},{"b":2}]']);
  });

  it('falls back to lines when a multi-line document does not parse', async () => {
    const items = await read(['{"broken": \n{"a":1}\n']);
    expect(texts(items)).toEqual(['{"broken":', '{"a":1}']);
  });

  it('skips a UTF-8 byte order mark at the start', async () => {
    expect(texts(await read(['\uFEFF{"a":1}\n{"b":2}\n']))).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('reports a line that is not UTF-8 and goes on', async () => {
    const bad = Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]);
    const items = await read(['{"a":1}\n', bad, '{"b":2}\n']);
    expect(texts(items)).toEqual(['{"a":1}', 'KSTORM_INPUT_ENCODING', '{"b":2}']);
    expect(items[1]).toMatchObject({ line: 2, raw: bad.subarray(0, 6) });
  });

  it('skips a line over the limit, keeping its first bytes, and reads the next', async () => {
    const long = `{"x":"${'a'.repeat(5000)}"}`;
    const items = await read(['{"a":1}\n', long.slice(0, 3000), `${long.slice(3000)}\n{"b":2}\n`], {
      maxRecordBytes: 1024,
    });
    expect(texts(items)).toEqual(['{"a":1}', 'KSTORM_INPUT_TOO_LARGE', '{"b":2}']);
    const tooLarge = items[1] as Extract<RecordItem, { kind: 'unreadable' }>;
    expect(tooLarge.raw.byteLength).toBe(1024);
    expect(tooLarge.line).toBe(2);
    expect(items[2]?.line).toBe(3);
  });

  it('holds a 10 MB line only up to the limit', async () => {
    const chunk = 'a'.repeat(1024 * 1024);
    const parts = ['{"x":"', ...Array.from({ length: 10 }, () => chunk), '"}\n{"ok":true}\n'];
    const items = await read(parts, { maxRecordBytes: 64 * 1024 });
    expect(texts(items)).toEqual(['KSTORM_INPUT_TOO_LARGE', '{"ok":true}']);
  });

  it('keeps NUL bytes in the text (JSON.parse rejects them later)', async () => {
    expect(texts(await read(['{"a":"\u0000"}\n']))).toEqual(['{"a":"\u0000"}']);
  });

  it('reads nothing from empty input', async () => {
    expect(await read([])).toEqual([]);
    expect(await read(['\n\n'])).toEqual([]);
  });
});
