/** Bounds on text copied from events into objects whose schema limits lengths. */

/** `text` cut to at most `max` UTF-16 units without splitting a surrogate pair; undefined when empty. */
export function bounded(text: string | undefined, max = 4096): string | undefined {
  if (text === undefined || text.length === 0) return undefined;
  if (text.length <= max) return text;
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** A string map with keys and values bounded, or undefined when nothing is left. */
export function boundedMap(
  map: Readonly<Record<string, string>> | undefined,
  maxKey: number,
  maxEntries = 256,
): Record<string, string> | undefined {
  if (map === undefined) return undefined;
  const out: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of Object.entries(map)) {
    if (key.length === 0 || key.length > maxKey || count >= maxEntries) continue;
    // Own data property even for a key such as __proto__: never a prototype change.
    Object.defineProperty(out, key, {
      value: bounded(value, 65_536) ?? '',
      enumerable: true,
      writable: true,
    });
    count += 1;
  }
  return count === 0 ? undefined : out;
}

/**
 * A copy without the undefined properties, so objects carry only what was reported. Copying rather than
 * deleting keeps the objects in V8's fast (non-dictionary) shape.
 */
export function defined<T extends Record<string, unknown>>(object: T): T {
  const out: Record<string, unknown> = {};
  for (const key in object) {
    const value = object[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}
