/**
 * A value from an event: text only, cut to `limit` characters (never inside a character) with a button
 * to see it whole. Control and bidirectional-override characters are shown as visible escapes, and the
 * value is isolated (<bdi>), so a crafted name cannot reorder or hide the text around it.
 */
import { useState } from 'react';

/** C0/C1 controls, and the bidi marks, embeddings, overrides and isolates (U+200E/F, U+202A–E, U+2066–9). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visible(value: string): string {
  return value.replace(INVISIBLE, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** For multi-line text (a raw record): only the bidi characters become escapes, line breaks stay. */
export function visibleBidi(value: string): string {
  return value.replace(BIDI, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

export function Truncated({ value, limit = 120 }: { value: string; limit?: number }) {
  const [whole, setWhole] = useState(false);
  const shown = Array.from(visible(value));
  if (shown.length <= limit) return <bdi className="value">{shown.join('')}</bdi>;
  return (
    <span className="value">
      <bdi>{whole ? shown.join('') : `${shown.slice(0, limit).join('')}…`}</bdi>{' '}
      <button type="button" className="link" onClick={() => setWhole(!whole)} aria-expanded={whole}>
        {whole ? 'show less' : `show all ${shown.length} characters`}
      </button>
    </span>
  );
}
