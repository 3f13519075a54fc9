/** What validation reports: one issue per broken rule, naming the object, the JSON path and the rule's code. */
import type { ErrorCode } from '../../util/index.js';
import type { SourceLocation } from '../stream/read.js';

/** Whether an issue makes the content invalid (error) or only departs from a STIX SHOULD (warning). */
export type IssueSeverity = 'error' | 'warning';

/** One validation finding. */
export interface ValidationIssue {
  readonly code: ErrorCode;
  readonly severity: IssueSeverity;
  /** The `id` of the object the issue is about, when it has a usable one. */
  readonly objectId?: string;
  readonly objectType?: string;
  /** JSON path inside the object, e.g. `$.extensions['tcp-ext'].src_flags_hex`; `$` is the object. */
  readonly path: string;
  /** One sentence a user can act on. */
  readonly message: string;
  /** Where the object sits in the input (item index, line), when read from a stream. */
  readonly location?: SourceLocation;
}

/** Running totals of a validation session. */
export interface ValidationCounts {
  objects: number;
  invalidObjects: number;
  errors: number;
  warnings: number;
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Appends a property name or array index to a JSON path, quoting keys that are not plain names. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (SIMPLE_KEY.test(key) && key.length <= MAX_KEY) return `${path}.${key}`;
  // Keys are attacker-controlled: bound them so a path stays readable.
  return `${path}[${JSON.stringify(key.length > MAX_KEY ? `${key.slice(0, MAX_KEY)}…` : key)}]`;
}

const MAX_KEY = 100;

/** "a" or "an" before a word, for messages that name a type. */
export function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** Shortens attacker-controlled text before it goes into a message. */
export function quote(value: unknown, max = 80): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
