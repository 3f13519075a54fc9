/**
 * SQL LIKE for STIX patterns without turning user text into a regex: `%` matches any run of characters,
 * `_` exactly one, anything else itself; the match is anchored at both ends and STIX has no escape character.
 */

/** A LIKE pattern split at `%` into segments of code points, where `undefined` stands for `_`. */
export interface LikePattern {
  readonly segments: readonly (readonly (string | undefined)[])[];
}

/** Prepares a LIKE pattern once; characters are whole code points so `_` matches one astral character. */
export function compileLike(pattern: string): LikePattern {
  return {
    segments: pattern.split('%').map((segment) => [...segment].map((c) => (c === '_' ? undefined : c))),
  };
}

const SURROGATE = /[\uD800-\uDFFF]/;

function segmentAt(text: ArrayLike<string>, at: number, segment: readonly (string | undefined)[]): boolean {
  if (at + segment.length > text.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const want = segment[i];
    if (want !== undefined && text[at + i] !== want) return false;
  }
  return true;
}

/**
 * True when `text` matches `like`. The first segment is pinned to the start and the last to the end; each
 * middle segment is taken at its leftmost fit, which is always safe because the `%` after it can absorb
 * whatever a later fit would have left. No backtracking across `%`, so the work is at most
 * text length × longest segment.
 */
export function matchLike(like: LikePattern, text: string): boolean {
  // Without surrogate pairs every UTF-16 unit is a code point, and the string itself can be indexed.
  const chars: ArrayLike<string> = SURROGATE.test(text) ? [...text] : text;
  const { segments } = like;
  const first = segments[0] ?? [];
  if (segments.length === 1) return chars.length === first.length && segmentAt(chars, 0, first);
  const last = segments[segments.length - 1] ?? [];
  if (first.length + last.length > chars.length) return false;
  if (!segmentAt(chars, 0, first) || !segmentAt(chars, chars.length - last.length, last)) return false;
  let pos = first.length;
  const end = chars.length - last.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const segment = segments[s] ?? [];
    let at = pos;
    while (at + segment.length <= end && !segmentAt(chars, at, segment)) at++;
    if (at + segment.length > end) return false;
    pos = at + segment.length;
  }
  return true;
}
