/**
 * Dead letters: what was not accepted, with why, from where, and the bytes themselves (bounded), so an
 * operator can fix the sender or replay the record once kstorm reads it.
 */
import type { Rejection, SensorName } from '../sources/index.js';

export interface DeadLetter {
  /** When kstorm rejected the record (RFC 3339). */
  readonly time: string;
  /** The sensor the record was read as; `auto` when detection failed or never ran. */
  readonly source: SensorName | 'auto';
  /** Catalogue code (docs/errors.md). */
  readonly code: string;
  readonly message: string;
  /** JSON path of the offending field, when one is to blame. */
  readonly path?: string;
  /** Where the record came from: `file:line`, `http:<request>:<line>`. */
  readonly location?: string;
  /** The record: its text (`utf8`) or, for bytes that are not UTF-8, base64. At most `maxRawBytes`. */
  readonly raw: string;
  readonly rawEncoding: 'utf8' | 'base64';
  /** Size of the whole record in bytes (UTF-8), kept even when `raw` is cut. */
  readonly rawBytes: number;
  readonly truncated: boolean;
}

/** Default bound on the raw bytes a dead letter keeps: 64 KiB. */
export const DEFAULT_DEAD_LETTER_RAW_BYTES = 64 * 1024;

export function deadLetter(
  rejection: Rejection | { code: string; message: string; path?: string },
  raw: string | Uint8Array,
  context: { time: string; source: SensorName | 'auto'; location?: string; maxRawBytes: number },
): DeadLetter {
  // Never copy more than the bound: a 10 MB line costs a prefix, not a second 10 MB.
  const rawBytes = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
  const truncated = rawBytes > context.maxRawBytes;
  const head =
    typeof raw === 'string'
      ? Buffer.from(truncated ? raw.slice(0, context.maxRawBytes) : raw, 'utf8')
      : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const kept = head.byteLength > context.maxRawBytes ? head.subarray(0, context.maxRawBytes) : head;
  const text = typeof raw === 'string' ? kept.toString('utf8') : undefined;
  return {
    time: context.time,
    source: context.source,
    code: rejection.code,
    message: rejection.message,
    ...(rejection.path === undefined ? {} : { path: rejection.path }),
    ...(context.location === undefined ? {} : { location: context.location }),
    // A cut may split a character; text that was UTF-8 stays text (the cut character becomes U+FFFD).
    raw: text ?? kept.toString('base64'),
    rawEncoding: text === undefined ? 'base64' : 'utf8',
    rawBytes,
    truncated,
  };
}
