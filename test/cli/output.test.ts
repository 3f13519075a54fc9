/** Rendering of records: aligned, width-capped, escaped tables; JSON and YAML kept whole. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Column, renderData, renderRecords, renderTable } from '../../src/cli/output.js';
import { escapeControls } from '../../src/cli/sanitize.js';

interface Row {
  name: string;
  note: string;
}
const COLUMNS: Column<Row>[] = [
  { header: 'name', cell: (r) => r.name },
  { header: 'note', cell: (r) => r.note },
];

describe('renderTable', () => {
  it('aligns columns under upper-case headers without trailing blanks', () => {
    const text = renderTable(COLUMNS, [
      { name: 'a', note: 'first' },
      { name: 'longer', note: 'second' },
    ]);
    expect(text).toBe('NAME    NOTE\na       first\nlonger  second\n');
  });

  it('keeps lines within the width, cutting long cells with an ellipsis', () => {
    const text = renderTable(COLUMNS, [{ name: 'n'.repeat(100), note: 'm'.repeat(300) }], 80);
    for (const line of text.trimEnd().split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    expect(text).toContain('…');
  });

  it('escapes C0, C1 and bidi controls', () => {
    const text = renderTable(COLUMNS, [{ name: '\u001b[2J\u009b\u202e', note: 'a\nb\u0007' }]);
    for (const raw of ['\u001b', '\u009b', '\u202e', '\u0007']) expect(text).not.toContain(raw);
    expect(text).toContain('\\x1b[2J\\x9b\\u202e');
    expect(text).toContain('a\\nb\\x07');
  });

  it('renders nothing for no records', () => {
    expect(renderTable(COLUMNS, [])).toBe('');
  });
});

describe('renderRecords', () => {
  const rows = [{ name: 'x\u001b', note: 'y' }];
  it('renders JSON and YAML that parse back to the records', () => {
    expect(JSON.parse(renderRecords('json', COLUMNS, rows))).toEqual(rows);
    expect(parse(renderRecords('yaml', COLUMNS, rows))).toEqual(rows);
  });

  it('writes shared objects out in full, without YAML aliases', () => {
    const shared = { line: 1 };
    const yaml = renderData('yaml', [{ at: shared }, { at: shared }]);
    expect(yaml).not.toContain('*');
    expect(parse(yaml)).toEqual([{ at: { line: 1 } }, { at: { line: 1 } }]);
  });
});

describe('escapeControls', () => {
  it('leaves printable text, including non-ASCII, alone', () => {
    expect(escapeControls('indicator--ü ✓ 𝄞')).toBe('indicator--ü ✓ 𝄞');
  });
});
