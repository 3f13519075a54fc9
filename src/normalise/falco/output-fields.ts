/**
 * Falco `output_fields`, read leniently and in one pass. Which fields an alert carries, and whether a
 * value comes as a string, a number or a list, follows the rule's output and the Falco version; `<NA>`
 * means "not available". So a value that cannot be used as the wanted type reads as not reported rather
 * than rejecting the alert: the alert itself, and its raw record, are still worth keeping.
 *
 * Each module registers the fields it reads once, at load ({@link fieldSlot}); an alert's fields are then
 * sorted into those slots in one pass. Looking each name up on the parsed object instead cost more than
 * the rest of the normaliser together (some 70 keyed lookups per alert, most of them misses).
 */
import type { JsonObject } from '../../sources/index.js';

/** Falco's text for a field it could not extract. */
export const NOT_AVAILABLE = '<NA>';

const INTEGER_TEXT = /^-?\d{1,16}$/;

/** `mapped`: the model holds the field, so it is not repeated as an argument; `read`: it may be. */
export type FieldUse = 'mapped' | 'read';

const SLOTS = new Map<string, number>();
const MAPPED: boolean[] = [];
let sealed = false;

/** The slot of an output field; call at module load only (the table is fixed once alerts are read). */
export function fieldSlot(name: string, use: FieldUse): number {
  const known = SLOTS.get(name);
  if (known !== undefined) {
    if (use === 'mapped') MAPPED[known] = true;
    return known;
  }
  if (sealed) throw new Error(`output field ${name} registered after the first alert was read`);
  SLOTS.set(name, MAPPED.length);
  MAPPED.push(use === 'mapped');
  return MAPPED.length - 1;
}

/** One alert's output fields, sorted into the registered slots. Never throws. */
export class OutputFields {
  readonly #values: unknown[];
  /** Fields not marked `mapped`, in the alert's order, with their slot (-1 if none) and value. */
  readonly otherKeys: string[] = [];
  readonly otherSlots: number[] = [];
  readonly otherValues: unknown[] = [];

  constructor(source: JsonObject) {
    sealed = true;
    this.#values = new Array(MAPPED.length);
    for (const key of Object.keys(source)) {
      const value = source[key];
      const slot = SLOTS.get(key);
      if (slot !== undefined) this.#values[slot] = value;
      if (slot !== undefined && MAPPED[slot] === true) continue;
      this.otherKeys.push(key);
      this.otherSlots.push(slot ?? -1);
      this.otherValues.push(value);
    }
  }

  /** A text value; numbers and booleans as their JSON text, a list as its first usable text. */
  text(slot: number): string | undefined {
    return textOf(this.#values[slot]);
  }

  /** An absolute path, or undefined (`proc.exe` is argv[0], which need not be a path). */
  absolutePath(slot: number): string | undefined {
    const found = textOf(this.#values[slot]);
    return found?.startsWith('/') ? found : undefined;
  }

  /** An integer given as a safe JSON integer or a decimal string. */
  integer(slot: number): number | undefined {
    return integerOf(this.#values[slot]);
  }

  /** A port: an integer from 0 to 65535. */
  port(slot: number): number | undefined {
    const found = integerOf(this.#values[slot]);
    return found !== undefined && found >= 0 && found <= 65_535 ? found : undefined;
  }

  /** A boolean given as JSON true/false or the text `true`/`false`. */
  boolean(slot: number): boolean | undefined {
    const found = this.#values[slot];
    if (typeof found === 'boolean') return found;
    if (found === 'true') return true;
    if (found === 'false') return false;
    return undefined;
  }

  /** A list of texts (a JSON list, or one text); undefined when nothing usable is in it. */
  texts(slot: number): readonly string[] | undefined {
    const found = this.#values[slot];
    if (typeof found === 'string') return usable(found) ? [found] : undefined;
    if (!Array.isArray(found)) return undefined;
    const out: string[] = [];
    for (const item of found) if (typeof item === 'string' && usable(item)) out.push(item);
    return out.length === 0 ? undefined : out;
  }

  /** The raw value in a slot (for the few readers with their own rules). */
  value(slot: number): unknown {
    return this.#values[slot];
  }
}

function usable(text: string): boolean {
  return text !== '' && text !== NOT_AVAILABLE;
}

function textOf(found: unknown): string | undefined {
  if (typeof found === 'string') return usable(found) ? found : undefined;
  if (typeof found === 'number') return Number.isFinite(found) ? String(found) : undefined;
  if (typeof found === 'boolean') return String(found);
  if (Array.isArray(found)) {
    for (const item of found) if (typeof item === 'string' && usable(item)) return item;
  }
  return undefined;
}

function integerOf(found: unknown): number | undefined {
  if (typeof found === 'number') return Number.isSafeInteger(found) ? found : undefined;
  if (typeof found === 'string' && INTEGER_TEXT.test(found)) {
    const number = Number(found);
    return Number.isSafeInteger(number) ? number : undefined;
  }
  return undefined;
}

/**
 * Pod labels: a map, a list of `key:value`, or Falco's text `(key:value,key:value)`. Label keys and values
 * hold neither `,` nor `:` (a key's prefix is a DNS name), so splitting on them is exact for valid labels.
 */
export function labelsOf(found: unknown): Readonly<Record<string, string>> | undefined {
  const out: Record<string, string> = Object.create(null);
  let count = 0;
  const pairs: readonly unknown[] =
    typeof found === 'string' && usable(found)
      ? (found.startsWith('(') && found.endsWith(')') ? found.slice(1, -1) : found).split(',')
      : Array.isArray(found)
        ? found
        : [];
  for (const pair of pairs) {
    if (typeof pair !== 'string') continue;
    const colon = pair.indexOf(':');
    if (colon <= 0) continue;
    out[pair.slice(0, colon).trim()] = pair.slice(colon + 1).trim();
    count += 1;
  }
  if (pairs.length === 0 && typeof found === 'object' && found !== null && !Array.isArray(found)) {
    for (const [name, item] of Object.entries(found)) {
      if (typeof item !== 'string') continue;
      out[name] = item;
      count += 1;
    }
  }
  return count === 0 ? undefined : out;
}

/**
 * A field rendered as `key=value` for `detection.arguments`: scalars as text, a list of scalars joined
 * with `,`; undefined for what has no text (null, `<NA>`, objects). Integers beyond 2^53 (nanosecond
 * times) were rounded by JSON.parse and are left out rather than shown wrong.
 */
export function rendered(key: string, found: unknown): string | undefined {
  if (typeof found === 'string') return usable(found) ? `${key}=${found}` : undefined;
  if (typeof found === 'boolean' || exactNumber(found)) return `${key}=${String(found)}`;
  if (!Array.isArray(found)) return undefined;
  const parts: string[] = [];
  for (const item of found) {
    if (typeof item === 'string' || typeof item === 'boolean' || exactNumber(item)) parts.push(String(item));
  }
  return parts.length === 0 ? undefined : `${key}=${parts.join(',')}`;
}

function exactNumber(found: unknown): found is number {
  return (
    typeof found === 'number' &&
    Number.isFinite(found) &&
    (!Number.isInteger(found) || Number.isSafeInteger(found))
  );
}
