/**
 * The human-readable validation report: issues grouped by object, each with its level, code and path on
 * one line and the whole message on the next, so nothing a user needs is cut to fit a table. Every piece
 * of text is escaped (ids, paths and messages quote attacker-controlled input).
 */
import type { ValidationIssue } from '../stix/index.js';
import { escapeControls } from './sanitize.js';

/** Where an issue sits: `line L:C` when known, else the item number. */
export function issuePlace(issue: ValidationIssue): string {
  const loc = issue.location;
  if (loc === undefined) return '';
  if (loc.line === undefined) return `item #${loc.index}`;
  return loc.column === undefined ? `line ${loc.line}` : `line ${loc.line}:${loc.column}`;
}

/** Renders issues grouped by consecutive object, or '' for none. */
export function renderIssueReport(issues: readonly ValidationIssue[]): string {
  const lines: string[] = [];
  let group = '';
  for (const issue of issues) {
    const place = issuePlace(issue);
    const object =
      issue.objectId ?? (issue.objectType ? `(a ${issue.objectType} without a usable id)` : '(input)');
    const heading = escapeControls(place ? `${object}  [${place}]` : object);
    if (heading !== group) {
      if (lines.length > 0) lines.push('');
      lines.push(heading);
      group = heading;
    }
    lines.push(`  ${issue.severity.padEnd(7)}  ${issue.code}  ${escapeControls(issue.path)}`);
    lines.push(`           ${escapeControls(issue.message)}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n\n` : '';
}
