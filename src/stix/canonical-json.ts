/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values SCO ids are computed over: object keys sorted
 * by UTF-16 code units, no whitespace, strings and numbers as ECMAScript's JSON.stringify writes them
 * (which RFC 8785 adopts). Written here because the `canonicalize` package walks every value through a
 * generic path that dominated ingest; property-tested against that package for equality.
 */

/** The canonical JSON text of `value`, or undefined for values JSON cannot hold (non-finite numbers, functions, cycles deeper than 64). */
export function canonicalJson(value: unknown, depth = 0): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (depth > 64) return undefined;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value)
      parts.push(canonicalJson(item === undefined ? null : item, depth + 1) ?? 'null');
    return `[${parts.join(',')}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const item = object[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    const text = canonicalJson(item, depth + 1);
    if (text === undefined) return undefined;
    parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
