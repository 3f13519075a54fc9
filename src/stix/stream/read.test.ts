import { describe, expect, it } from 'vitest';
import { type ReadItem, type ReadOptions, readStixObjects } from './read.js';

async function* chunks(text: string, size = 5): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, options?: ReadOptions): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readStixObjects(chunks(text), options)) items.push(item);
  return items;
}

/** Errors as `code@line`, objects by id (or type), bundles as `bundle:<id>`. */
function brief(items: readonly ReadItem[]): string[] {
  return items.map((item) => {
    if (item.kind === 'error') return `${item.error.code}@${item.location.line}`;
    if (item.kind === 'bundle') return `bundle:${String(item.bundle['id'])}`;
    return String(item.object['id'] ?? item.object['type']);
  });
}

const indicator = { type: 'indicator', id: 'indicator--1', name: 'Grüße 😀', pattern: "[file:name = 'x']" };
const malware = { type: 'malware', id: 'malware--1', is_family: false };
const bundle = { type: 'bundle', id: 'bundle--1', objects: [indicator, malware] };
const labels = Array.from({ length: 60 }, (_, i) => `label-${i}`);

describe('readStixObjects: documents', () => {
  it('expands a pretty-printed bundle: objects in order, tagged with the bundle id, then the envelope', async () => {
    const items = await read(JSON.stringify(bundle, null, 2));
    expect(items).toEqual([
      {
        kind: 'object',
        object: indicator,
        bundleId: 'bundle--1',
        location: { index: 0, line: 5, column: 5 },
      },
      { kind: 'object', object: malware, bundleId: 'bundle--1', location: { index: 1, line: 11, column: 5 } },
      {
        kind: 'bundle',
        bundle: { type: 'bundle', id: 'bundle--1' },
        location: { index: 2, line: 1, column: 1 },
      },
    ]);
  });

  it('expands a one-line bundle the same way', async () => {
    const items = await read(JSON.stringify(bundle));
    expect(brief(items)).toEqual(['indicator--1', 'malware--1', 'bundle:bundle--1']);
    expect(items[0]).toMatchObject({ object: indicator, bundleId: 'bundle--1' });
  });

  it('buffers a bundle whose objects come before its type and id, then tags them', async () => {
    const text = JSON.stringify({ objects: [indicator, malware], id: 'bundle--2', type: 'bundle' }, null, 1);
    const items = await read(text);
    expect(brief(items)).toEqual(['indicator--1', 'malware--1', 'bundle:bundle--2']);
    expect(items.map((item) => (item.kind === 'object' ? item.bundleId : undefined))).toEqual([
      'bundle--2',
      'bundle--2',
      undefined,
    ]);
    expect(items[2]).toMatchObject({ bundle: { id: 'bundle--2', type: 'bundle' } });
    expect(items[0]?.location).toEqual({ index: 0, line: 3, column: 3 });
  });

  it('omits bundleId for objects that precede the bundle id', async () => {
    const text = JSON.stringify({ type: 'bundle', objects: [indicator], id: 'bundle--3' }, null, 2);
    const items = await read(text);
    expect(items[0]).toEqual({ kind: 'object', object: indicator, location: expect.anything() });
    expect(items[1]).toMatchObject({ kind: 'bundle', bundle: { type: 'bundle', id: 'bundle--3' } });
  });

  it('yields a single STIX object whole', async () => {
    expect(await read(JSON.stringify(indicator, null, 2))).toEqual([
      { kind: 'object', object: indicator, location: { index: 0, line: 1, column: 1 } },
    ]);
  });

  it('yields a STIX 2.0 observed-data with embedded objects whole and unchanged', async () => {
    const observed = {
      type: 'observed-data',
      id: 'observed-data--1',
      number_observed: 1,
      objects: {
        '0': { type: 'ipv4-addr', value: '10.0.0.1' },
        '1': { type: 'domain-name', value: 'x.example' },
      },
    };
    const text = JSON.stringify(observed, null, 2);
    const items = await read(text);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'object', object: JSON.parse(text) });
  });

  it('keeps an objects array of a non-bundle whole, also when it precedes the type', async () => {
    const custom = { objects: [1, [2], { a: 'b' }], type: 'x-custom', id: 'x-custom--1' };
    const text = JSON.stringify(custom, null, 2);
    const items = await read(text);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'object', object: custom });
    expect(Object.keys((items[0] as { object: object }).object)).toEqual(['objects', 'type', 'id']);
  });

  it('reads a root array of bundles and objects', async () => {
    const second = { type: 'bundle', id: 'bundle--2', objects: [{ type: 'identity', id: 'identity--1' }] };
    const text = JSON.stringify([bundle, second, { type: 'tool', id: 'tool--1' }], null, 2);
    const items = await read(text);
    expect(brief(items)).toEqual([
      'indicator--1',
      'malware--1',
      'bundle:bundle--1',
      'identity--1',
      'bundle:bundle--2',
      'tool--1',
    ]);
    expect(items[3]).toMatchObject({ bundleId: 'bundle--2' });
    expect(items[5]).not.toHaveProperty('bundleId');
  });

  it('reports array elements and bundle elements that are not STIX objects, and goes on', async () => {
    const text = JSON.stringify(
      ['text', 4, [indicator], { id: 'no-type' }, { type: 'bundle', objects: [null, { x: 1 }, [], malware] }],
      null,
      2,
    );
    const items = await read(text);
    expect(brief(items)).toEqual([
      'KSTORM_INPUT_SHAPE@2',
      'KSTORM_INPUT_SHAPE@3',
      'KSTORM_INPUT_SHAPE@4',
      'KSTORM_INPUT_SHAPE@12',
      'KSTORM_INPUT_SHAPE@18',
      'KSTORM_INPUT_SHAPE@19',
      'KSTORM_INPUT_SHAPE@22',
      'malware--1',
      'bundle:undefined',
    ]);
    const first = items[0];
    expect(first?.kind === 'error' && first.error.message).toBe(
      'The array element at line 2, column 3 is a string, not a STIX object or bundle.',
    );
  });

  it('reads concatenated documents one after another', async () => {
    const text = `${JSON.stringify(indicator, null, 2)}\n${JSON.stringify(bundle, null, 2)}`;
    expect(brief(await read(text))).toEqual([
      'indicator--1',
      'indicator--1',
      'malware--1',
      'bundle:bundle--1',
    ]);
  });

  it('stops at a syntax error after one error item naming line and column', async () => {
    const text =
      '{\n  "type": "bundle",\n  "objects": [\n    {"type": "a"},\n    {"type": oops},\n    {"type": "b"}\n  ]\n}';
    const items = await read(text);
    expect(brief(items)).toEqual(['a', 'KSTORM_INPUT_JSON@5']);
    const error = items[1];
    expect(error?.kind === 'error' && error.error.message).toBe(
      'Invalid JSON at line 5, column 14: unexpected "o".',
    );
    expect(error?.location).toEqual({ index: 1, line: 5, column: 14 });
  });

  it('reports grammar errors and truncated input', async () => {
    expect(brief(await read('{\n"type": "a",\n"b" "c"}'))).toEqual(['KSTORM_INPUT_JSON@3']);
    expect(brief(await read('[\n{"type": "a"},\n{"type": "b"'))).toEqual(['a', 'KSTORM_INPUT_JSON@3']);
    expect(brief(await read('[\n{"type": "a"}\n]]'))).toEqual(['a', 'KSTORM_INPUT_JSON@3']);
  });

  it('holds bundle elements to the size limit one by one, and keeps reading', async () => {
    const big = { type: 'note', id: 'note--big', labels: [{ deep: labels }, labels] };
    const text = JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: [indicator, big, malware] });
    const items = await read(text, { format: 'bundle', maxRecordBytes: 300 });
    expect(brief(items)).toEqual([
      'indicator--1',
      'KSTORM_INPUT_TOO_LARGE@1',
      'malware--1',
      'bundle:bundle--1',
    ]);
    const error = items[1];
    expect(error?.kind === 'error' && error.error.message).toBe(
      'The bundle element at line 1, column 134 is larger than the 300-byte record limit.',
    );
  });

  it('holds a single object, and the rest of a bundle envelope, to the size limit', async () => {
    const text = JSON.stringify(
      [{ type: 'note', labels }, indicator, { type: 'bundle', labels, objects: [] }],
      null,
      2,
    );
    expect(brief(await read(text, { maxRecordBytes: 200 }))).toEqual([
      'KSTORM_INPUT_TOO_LARGE@2',
      'indicator--1',
      'KSTORM_INPUT_TOO_LARGE@73',
    ]);
  });

  it('ends a document at a single JSON token longer than the limit, which cannot be skipped', async () => {
    const text = JSON.stringify([indicator, { type: 'note', content: 'y'.repeat(5000) }, malware]);
    expect(brief(await read(text, { maxRecordBytes: 1000 }))).toEqual([
      'indicator--1',
      'KSTORM_INPUT_TOO_LARGE@1',
    ]);
  });

  it('refuses absurd nesting without overflowing the stack', async () => {
    const items = await read(`[{"type": "x", "a": ${'['.repeat(5000)}`);
    expect(brief(items)).toEqual(['KSTORM_INPUT_TOO_LARGE@1']);
  });

  it('keeps __proto__ as an own property, like JSON.parse', async () => {
    const text = '{\n"type": "x-proto", "__proto__": {"polluted": true}}';
    const items = await read(text);
    expect(items[0]).toMatchObject({ kind: 'object', object: JSON.parse(text) });
    const object = (items[0] as { object: Record<string, unknown> }).object;
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.hasOwn(object, '__proto__')).toBe(true);
  });

  it('skips a UTF-8 byte order mark', async () => {
    expect(brief(await read(`\uFEFF${JSON.stringify(bundle, null, 2)}`))).toEqual([
      'indicator--1',
      'malware--1',
      'bundle:bundle--1',
    ]);
  });

  it('honours an explicit format', async () => {
    const array = JSON.stringify([indicator]);
    expect(brief(await read(array, { format: 'bundle' }))).toEqual(['KSTORM_INPUT_SHAPE@1']);
    expect(brief(await read(JSON.stringify(bundle), { format: 'array' }))).toEqual(['KSTORM_INPUT_SHAPE@1']);
    expect(brief(await read(array, { format: 'array' }))).toEqual(['indicator--1']);
    expect(brief(await read(JSON.stringify(bundle, null, 2), { format: 'bundle' }))).toHaveLength(3);
    expect(brief(await read(array, { format: 'jsonl' }))).toEqual(['KSTORM_INPUT_SHAPE@1']);
  });

  it('yields nothing for empty or blank input', async () => {
    expect(await read('')).toEqual([]);
    expect(await read(' \n\r\n\t ')).toEqual([]);
  });

  it('rejects a non-positive size limit and an unknown format', async () => {
    await expect(read('{}', { maxRecordBytes: 0 })).rejects.toMatchObject({ code: 'KSTORM_CLI_USAGE' });
    const format = 'yaml' as ReadOptions['format'];
    await expect(read('{}', format === undefined ? {} : { format })).rejects.toMatchObject({
      code: 'KSTORM_CLI_USAGE',
    });
  });
});
