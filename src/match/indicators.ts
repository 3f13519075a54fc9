/**
 * Indicator intake: turns STIX `indicator` objects (or bare `{id, pattern}` records) into checked pattern
 * ASTs, and everything else into a rejection with a stable code, so one bad indicator in a feed of
 * thousands costs only itself.
 */
import { type Diagnostic, type Pattern, validatePattern } from '../pattern/index.js';
import { Timestamp } from '../stix/index.js';
import type { ErrorCode } from '../util/index.js';

/** What the engine reads of an indicator; a full STIX 2.1 `indicator` object fits. */
export interface IndicatorInput {
  readonly id: string;
  readonly pattern: string;
  /** Only `stix` is evaluated; other pattern languages (sigma, yara, …) are rejected. Default `stix`. */
  readonly pattern_type?: string;
  /** `2.0` selects the 2.0 grammar; anything else the 2.1 grammar. */
  readonly pattern_version?: string;
  readonly valid_from?: string;
  readonly valid_until?: string;
  readonly revoked?: boolean;
}

/** An indicator the engine will evaluate. */
export interface AcceptedIndicator {
  readonly id: string;
  readonly ast: Pattern;
  /** Warnings of the checker (unknown properties, unsatisfiable brackets): kept so tools can show them. */
  readonly warnings: readonly Diagnostic[];
  readonly validFrom: bigint | undefined;
  readonly validUntil: bigint | undefined;
}

/** An indicator the engine left out, and why. */
export interface RejectedIndicator {
  /** The indicator id, or `#n` (its position in the input) when it has none. */
  readonly indicator: string;
  readonly code: ErrorCode;
  readonly message: string;
  readonly diagnostics: readonly Diagnostic[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalTime(value: unknown): bigint | undefined | 'invalid' {
  if (value === undefined) return undefined;
  const time = typeof value === 'string' ? Timestamp.tryParse(value) : undefined;
  return time ? time.epochNanos : 'invalid';
}

/**
 * The id and `modified` time (nanoseconds, -1 when absent or invalid) of an input, for choosing the
 * latest version of each indicator before any is checked; undefined when it has no string id.
 */
export function versionOf(value: unknown): { id: string; modified: bigint } | undefined {
  if (!isRecord(value) || typeof value['id'] !== 'string') return undefined;
  const modified = optionalTime(value['modified']);
  return { id: value['id'], modified: typeof modified === 'bigint' ? modified : -1n };
}

/**
 * Checks one indicator. `value` is untrusted (it may come from someone else's TAXII feed), so every
 * property is checked for its type before use.
 */
export function admitIndicator(value: unknown, position: number): AcceptedIndicator | RejectedIndicator {
  const where = isRecord(value) && typeof value['id'] === 'string' ? value['id'] : `#${position}`;
  const reject = (code: ErrorCode, message: string, diagnostics: Diagnostic[] = []): RejectedIndicator => ({
    indicator: where,
    code,
    message,
    diagnostics,
  });
  if (!isRecord(value) || typeof value['id'] !== 'string' || typeof value['pattern'] !== 'string') {
    return reject('KSTORM_INDICATOR_SHAPE', 'an indicator needs a string id and a string pattern');
  }
  const type = value['pattern_type'] ?? 'stix';
  if (type !== 'stix') {
    const shown = typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type;
    return reject('KSTORM_INDICATOR_PATTERN_TYPE', `pattern_type ${shown} is not evaluated; only stix is`);
  }
  if (value['revoked'] === true) return reject('KSTORM_INDICATOR_REVOKED', 'the indicator is revoked');
  const validFrom = optionalTime(value['valid_from']);
  const validUntil = optionalTime(value['valid_until']);
  if (validFrom === 'invalid' || validUntil === 'invalid') {
    return reject('KSTORM_INDICATOR_SHAPE', 'valid_from / valid_until is not a STIX timestamp');
  }
  const stixVersion = value['pattern_version'] === '2.0' ? '2.0' : '2.1';
  const { ast, diagnostics } = validatePattern(value['pattern'], { stixVersion });
  const error = diagnostics.find((d) => d.severity === 'error');
  if (!ast || error) {
    return reject(error?.code ?? 'KSTORM_PATTERN_SYNTAX', error?.message ?? 'the pattern does not parse', [
      ...diagnostics,
    ]);
  }
  return { id: value['id'], ast, warnings: diagnostics, validFrom, validUntil };
}
