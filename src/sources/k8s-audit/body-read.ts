/**
 * Lenient, bounded reads for audit request and response bodies. Unlike the event's own fields, a body
 * field of the wrong type is not a reason to reject the event: the audit record is still worth having,
 * so such a field reads as absent. Every read goes through `field` (own properties only, `__proto__` a
 * plain key), lists are cut at MAX_ITEMS and text at MAX_TEXT.
 */
import { field, isObject, type JsonObject } from '../fields.js';

/** Most items read from any list in a body (containers, volumes, subjects, rules, strings in a rule). */
export const MAX_ITEMS = 64;
/** Longest text kept from a body, in UTF-16 units. */
export const MAX_TEXT = 4096;

/** The object at `keys` below `object`, or undefined when any step is absent or not an object. */
export function objectAt(object: JsonObject | undefined, ...keys: readonly string[]): JsonObject | undefined {
  let current: JsonObject | undefined = object;
  for (const key of keys) {
    if (current === undefined) return undefined;
    const next = field(current, key);
    current = isObject(next) ? next : undefined;
  }
  return current;
}

/** A non-empty string, cut to MAX_TEXT. */
export function textOf(object: JsonObject | undefined, key: string): string | undefined {
  if (object === undefined) return undefined;
  const value = field(object, key);
  return typeof value === 'string' ? capText(value) : undefined;
}

export function flagOf(object: JsonObject | undefined, key: string): boolean | undefined {
  if (object === undefined) return undefined;
  const value = field(object, key);
  return typeof value === 'boolean' ? value : undefined;
}

/** A non-negative safe integer (a user or group id); anything else reads as absent. */
export function idOf(object: JsonObject | undefined, key: string): number | undefined {
  if (object === undefined) return undefined;
  const value = field(object, key);
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Calls `visit` with each object item of a list, in order, until it returns false. The whole list is
 * visited (the record reader bounds its size), so that harmless items padding a list cannot push a
 * relevant one out of a capped summary.
 */
export function eachObject(
  object: JsonObject | undefined,
  key: string,
  visit: (item: JsonObject) => boolean | undefined,
): void {
  const list = listOf(object, key);
  for (let index = 0; index < list.length; index += 1) {
    const item = list[index];
    if (isObject(item) && visit(item) === false) return;
  }
}

/** The distinct strings of a list, at most MAX_ITEMS, each cut to MAX_TEXT; `""` only with `keepEmpty`. */
export function textsOf(object: JsonObject | undefined, key: string, keepEmpty = false): string[] {
  return [...collectTexts(new Set(), listOf(object, key), keepEmpty)];
}

/** Adds the distinct strings of `list` to `into` until it holds MAX_ITEMS. */
export function collectTexts(into: Set<string>, list: readonly unknown[], keepEmpty = false): Set<string> {
  for (let index = 0; index < list.length && into.size < MAX_ITEMS; index += 1) {
    const item = list[index];
    if (typeof item !== 'string') continue;
    if (item === '') {
      if (keepEmpty) into.add(item);
    } else {
      into.add(capText(item) ?? '');
    }
  }
  return into;
}

/** An argv written as one line: items joined by spaces, reading no further than MAX_TEXT. */
export function joinedArgv(lists: readonly (readonly unknown[])[]): string | undefined {
  let text = '';
  for (const list of lists) {
    // Bounded by the text length, and by a count for lists of empty strings.
    for (let index = 0; index < list.length && index < MAX_TEXT && text.length < MAX_TEXT; index += 1) {
      const item = list[index];
      if (typeof item !== 'string') continue;
      text = text === '' ? item.slice(0, MAX_TEXT) : `${text} ${item.slice(0, MAX_TEXT)}`;
    }
  }
  return capText(text);
}

export function listOf(object: JsonObject | undefined, key: string): readonly unknown[] {
  if (object === undefined) return [];
  const value = field(object, key);
  return Array.isArray(value) ? value : [];
}

/** `text` cut to MAX_TEXT without splitting a surrogate pair; undefined when empty. */
export function capText(text: string): string | undefined {
  if (text.length === 0) return undefined;
  if (text.length <= MAX_TEXT) return text;
  const code = text.charCodeAt(MAX_TEXT - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_TEXT - 1 : MAX_TEXT);
}

/** A copy of `facts` without its undefined properties (the model's types say "absent", not "undefined"). */
export function present<T extends object>(facts: { [K in keyof T]: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facts)) {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) out[key] = value;
  }
  return out as T;
}
