/** Makes attacker-controlled text safe for a terminal: control characters become visible escapes. */

/**
 * C0 controls, DEL, C1 controls, line/paragraph separators and the bidirectional marks, overrides and
 * isolates ("Trojan Source"): each could move the cursor, recolour, or reorder what the reader sees.
 */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

const NAMED: Readonly<Record<number, string>> = { 9: '\\t', 10: '\\n', 13: '\\r' };

/** Replaces every unsafe character with a visible escape (`\x1b`, `\n`, `\u202e`); other text is kept. */
export function escapeControls(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isUnsafe(code)) continue;
    const hex = code.toString(16);
    out +=
      text.slice(start, i) + (NAMED[code] ?? (code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex}`));
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}
