/**
 * Renders command results as `--output table|json|yaml`. Tables are plain text for people (aligned,
 * width-capped, control characters escaped); json and yaml are for machines and keep every value whole.
 */
import { stringify } from 'yaml';
import { escapeControls } from './sanitize.js';

/** The output formats every listing command accepts. */
export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;

/** One of `OUTPUT_FORMATS`. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A table column: its header and how to turn a record into the cell text. */
export interface Column<T> {
  readonly header: string;
  readonly cell: (record: T) => string;
}

/** The widest a table line gets by default, separators included. */
export const DEFAULT_TABLE_WIDTH = 160;

const GAP = '  ';
const MIN_COLUMN = 8;

/**
 * Lays records out as aligned columns under upper-case headers. Every cell is escaped first (input is
 * attacker-controlled), then the widest columns shrink until the line fits `maxWidth`; cut cells end
 * in '…'. Returns the text with a trailing newline, or '' for no records.
 */
export function renderTable<T>(
  columns: readonly Column<T>[],
  records: readonly T[],
  maxWidth = DEFAULT_TABLE_WIDTH,
): string {
  if (records.length === 0) return '';
  const rows = [columns.map((c) => c.header.toUpperCase())];
  for (const record of records) rows.push(columns.map((c) => escapeControls(c.cell(record))));
  // A reduce, not Math.max(...): a spread of a huge listing would overflow the stack.
  const widths = columns.map((_, i) => rows.reduce((max, row) => Math.max(max, length(row[i] ?? '')), 0));
  shrinkToFit(widths, maxWidth - GAP.length * (columns.length - 1));
  // No padding after the last column: no trailing blanks.
  const lines = rows.map((row) =>
    row.map((cell, i) => fitCell(cell, widths[i] ?? 0, i < row.length - 1)).join(GAP),
  );
  return `${lines.join('\n')}\n`;
}

/** Renders any JSON-compatible value as pretty JSON or YAML, with a trailing newline. */
export function renderData(format: Exclude<OutputFormat, 'table'>, data: unknown): string {
  // No YAML anchors and aliases for shared objects (issues share locations): plain data reads better.
  return format === 'json'
    ? `${JSON.stringify(data, null, 2)}\n`
    : stringify(data, { aliasDuplicateObjects: false });
}

/** Renders a list of records in any format: a table through `columns`, otherwise the records as they are. */
export function renderRecords<T>(
  format: OutputFormat,
  columns: readonly Column<T>[],
  records: readonly T[],
): string {
  return format === 'table' ? renderTable(columns, records) : renderData(format, records);
}

/** Shrinks the widest columns, one character at a time, until their total fits the budget. */
function shrinkToFit(widths: number[], budget: number): void {
  let total = widths.reduce((sum, w) => sum + w, 0);
  while (total > budget) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if ((widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
    const current = widths[widest] ?? 0;
    if (current <= MIN_COLUMN) return;
    widths[widest] = current - 1;
    total--;
  }
}

// Widths count code points, so astral characters are neither split nor counted twice.
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Cuts a cell to `width` code points (ending in '…' when cut) and pads it when `pad` is set. */
function fitCell(text: string, width: number, pad: boolean): string {
  const points = Array.from(text);
  const fitted = points.length > width ? `${points.slice(0, width - 1).join('')}…` : text;
  return pad ? fitted + ' '.repeat(Math.max(0, width - length(fitted))) : fitted;
}
