/**
 * Nanosecond-exact STIX 2.1 timestamps (RFC 3339, UTC). `Date` keeps only milliseconds, so instants live
 * in a bigint of epoch nanoseconds and the source's fractional precision is kept so that text round-trips.
 */
import { type ErrorCode, KstormError } from '../util/index.js';

/** Options for {@link Timestamp.parse}. */
export interface TimestampParseOptions {
  /** Also accept `±HH:MM` offsets instead of `Z` (converted to UTC). Default false: STIX requires `Z`. */
  allowOffset?: boolean;
}

const MAX_LENGTH = 64;
const NS_PER_SECOND = 1_000_000_000n;
const NS_PER_DAY = 86_400n * NS_PER_SECOND;
const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
// Every group is a fixed-width run or is followed by `(.*)$`, which always matches, so nothing can backtrack.
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})([Tt ])(\d{2}):(\d{2}):(\d{2})(?:(\.)(\d*))?(.*)$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The inverse of {@link daysFromCivil}: [year, month, day]. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - Math.floor((153 * mp + 2) / 5) + 1];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Years 0000..9999 are all RFC 3339 can write; keeping every Timestamp inside them keeps toString total.
const MIN_NANOS = BigInt(daysFromCivil(0, 1, 1)) * NS_PER_DAY;
const MAX_NANOS = BigInt(daysFromCivil(10_000, 1, 1)) * NS_PER_DAY - 1n;

/** Floor division, so instants before 1970 still split into a day and a non-negative time of day. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Fractional digits needed to write `ns` (0..9) exactly. */
function digitsNeeded(ns: bigint): number {
  const frac = ns - floorDiv(ns, NS_PER_SECOND) * NS_PER_SECOND;
  return frac === 0n ? 0 : frac.toString().padStart(9, '0').replace(/0+$/, '').length;
}

/**
 * Converts float seconds to nanoseconds via their shortest decimal form (what JSON.stringify prints), so
 * 1700000000.123456 read from JSON gives exactly .123456 rather than the binary double's nearest nanosecond.
 */
function secondsToNanos(seconds: number): bigint {
  if (!Number.isFinite(seconds)) throw new RangeError(`seconds must be a finite number, got ${seconds}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(seconds));
  if (!match) throw new RangeError(`cannot convert ${seconds} seconds to nanoseconds`);
  const [, sign = '', whole = '', frac = '', exp = '0'] = match;
  const mantissa = BigInt(whole + frac);
  const shift = Number(exp) - frac.length + 9;
  let ns: bigint;
  if (shift >= 0) ns = mantissa * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    ns = (mantissa + divisor / 2n) / divisor; // half away from zero: the magnitude is rounded before the sign
  }
  return sign === '-' ? -ns : ns;
}

function checkPrecision(digits: number): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 9) {
    throw new RangeError(`fractional digits must be an integer from 0 to 9, got ${digits}`);
  }
  return digits;
}

function quote(text: string): string {
  return JSON.stringify(text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text);
}

function syntaxError(
  text: string,
  problem: string,
  code: ErrorCode = 'KSTORM_TIMESTAMP_SYNTAX',
): KstormError {
  return new KstormError(code, `timestamp ${quote(text)} ${problem}`, { text });
}

function rangeError(text: string, problem: string): KstormError {
  return syntaxError(text, problem, 'KSTORM_TIMESTAMP_RANGE');
}

/** Explains why the text after the seconds (and fraction) is not a valid time zone designator. */
function tailProblem(tail: string, allowOffset: boolean): string {
  if (tail === '') return "has no time zone designator; it must end in 'Z'";
  if (tail === 'z') return "ends in lower-case 'z'; STIX requires upper-case 'Z'";
  if (/^[+-]\d{2}:\d{2}[Zz]$/.test(tail)) return `has both an offset and 'Z'; use only 'Z'`;
  if (OFFSET.test(tail)) return `has the offset ${tail} instead of 'Z'; STIX timestamps must be in UTC`;
  const expected = allowOffset ? "'Z' or an offset like +01:00" : "'Z'";
  return `has ${quote(tail)} after the seconds where ${expected} was expected`;
}

/**
 * An instant with nanosecond resolution plus the number of fractional digits to print it with.
 * Immutable; construct it with {@link Timestamp.parse} or one of the `from*` factories. Every Timestamp lies
 * within years 0000 to 9999 UTC; operations that would leave that range throw KSTORM_TIMESTAMP_RANGE.
 */
export class Timestamp {
  /** Nanoseconds since 1970-01-01T00:00:00Z (negative before it). */
  readonly epochNanos: bigint;
  /** Fractional-second digits {@link Timestamp.toString} prints (0..9); never fewer than the instant needs. */
  readonly precision: number;

  private constructor(epochNanos: bigint, precision: number) {
    if (epochNanos < MIN_NANOS || epochNanos > MAX_NANOS) {
      const message = `instant ${epochNanos} ns since the epoch falls outside years 0000 to 9999 UTC`;
      throw new KstormError('KSTORM_TIMESTAMP_RANGE', message, { epochNanos: epochNanos.toString() });
    }
    this.epochNanos = epochNanos;
    this.precision = Math.max(precision, digitsNeeded(epochNanos));
  }

  /**
   * Parses an RFC 3339 / STIX 2.1 timestamp such as `2026-01-31T12:00:00.123456789Z`: upper-case `T` and
   * `Z`, 0 to 9 fractional digits, nothing around it. With `allowOffset`, `±HH:MM` is accepted instead of
   * `Z` and converted to UTC. The leap second `23:59:60` (UTC) is accepted and normalised to 00:00:00 of the
   * next day, so it compares equal to that instant and prints as it.
   * @throws KstormError KSTORM_TIMESTAMP_SYNTAX when the shape is wrong, KSTORM_TIMESTAMP_RANGE when a field is.
   */
  static parse(text: string, options: TimestampParseOptions = {}): Timestamp {
    // Types do not hold at runtime for parsed JSON, and the checks below assume a string.
    if (typeof text !== 'string') throw syntaxError(`<${typeof text}>`, 'is not a string');
    if (text.length > MAX_LENGTH) {
      throw syntaxError(text, `is ${text.length} characters long, more than the ${MAX_LENGTH} allowed`);
    }
    if (text.trim() !== text) throw syntaxError(text, 'has leading or trailing whitespace');
    const match = SHAPE.exec(text);
    if (!match) throw syntaxError(text, 'is not of the form YYYY-MM-DDTHH:MM:SS[.fffffffff]Z');
    const [, ys = '', mos = '', ds = '', sep, hs = '', mis = '', ss = '', dot, frac = '', tail = ''] = match;
    if (sep !== 'T') throw syntaxError(text, `separates date and time with ${quote(sep ?? '')}, not 'T'`);
    if (dot && frac === '') throw syntaxError(text, "has a '.' with no fractional digits after it");
    if (frac.length > 9) throw syntaxError(text, `has ${frac.length} fractional digits, more than 9`);
    let offsetMinutes = 0;
    if (tail !== 'Z') {
      const offset = options.allowOffset ? OFFSET.exec(tail) : null;
      if (!offset) throw syntaxError(text, tailProblem(tail, options.allowOffset ?? false));
      const [, sign, oh = '', om = ''] = offset;
      if (Number(oh) > 23 || Number(om) > 59) throw rangeError(text, `has the out-of-range offset ${tail}`);
      offsetMinutes = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    }

    const [year, month, day] = [Number(ys), Number(mos), Number(ds)];
    const [hour, minute, second] = [Number(hs), Number(mis), Number(ss)];
    if (month < 1 || month > 12) throw rangeError(text, `has month ${mos}, but months run from 01 to 12`);
    const monthDays = daysInMonth(year, month);
    if (day < 1 || day > monthDays) {
      throw rangeError(text, `has day ${ds}, but ${MONTHS[month - 1]} ${ys} has ${monthDays} days`);
    }
    if (hour > 23) throw rangeError(text, `has hour ${hs}, but hours run from 00 to 23`);
    if (minute > 59) throw rangeError(text, `has minute ${mis}, but minutes run from 00 to 59`);
    if (second > 60) throw rangeError(text, `has second ${ss}, but seconds run from 00 to 59 (or 60)`);
    // A leap second is inserted at 23:59:60 UTC, which an offset moves to another local wall-clock minute.
    if (second === 60 && (((hour * 60 + minute - offsetMinutes) % 1440) + 1440) % 1440 !== 1439) {
      throw rangeError(text, 'has second 60, which is only valid in the leap second 23:59:60 UTC');
    }

    const wallSeconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    const ns = BigInt(wallSeconds - offsetMinutes * 60) * NS_PER_SECOND + BigInt(frac.padEnd(9, '0') || '0');
    if (ns < MIN_NANOS || ns > MAX_NANOS) throw rangeError(text, 'falls outside years 0000 to 9999 in UTC');
    return new Timestamp(ns, frac.length);
  }

  /** Like {@link Timestamp.parse}, but returns undefined instead of throwing on invalid text. */
  static tryParse(text: string, options?: TimestampParseOptions): Timestamp | undefined {
    try {
      return Timestamp.parse(text, options);
    } catch {
      return undefined;
    }
  }

  /** The instant `ns` nanoseconds after the epoch; `precision` is raised if the instant needs more digits. */
  static fromEpochNanos(ns: bigint, precision = 9): Timestamp {
    return new Timestamp(ns, checkPrecision(precision));
  }

  /** The instant `ms` (an integer) milliseconds after the epoch, printed with 3 fractional digits. */
  static fromEpochMillis(ms: number): Timestamp {
    if (!Number.isSafeInteger(ms)) throw new RangeError(`milliseconds must be a safe integer, got ${ms}`);
    return new Timestamp(BigInt(ms) * 1_000_000n, 3);
  }

  /** The instant `seconds` (a float) after the epoch, rounded to the nearest nanosecond; precision 9. */
  static fromEpochSeconds(seconds: number): Timestamp {
    return new Timestamp(secondsToNanos(seconds), 9);
  }

  /** The instant of a Date (millisecond resolution, precision 3). */
  static fromDate(date: Date): Timestamp {
    return Timestamp.fromEpochMillis(date.getTime());
  }

  /** RFC 3339 in UTC with exactly {@link Timestamp.precision} fractional digits (none when 0). */
  toString(): string {
    return this.format(this.precision);
  }

  /**
   * RFC 3339 in UTC with `digits` fractional digits (truncating if fewer than needed), `'auto'` for the
   * shortest exact form (no fraction on a whole second), or `'milli'` for at least 3 digits, more if needed.
   */
  format(digits: number | 'auto' | 'milli'): string {
    const needed = digitsNeeded(this.epochNanos);
    const n = digits === 'auto' ? needed : digits === 'milli' ? Math.max(3, needed) : checkPrecision(digits);
    const days = floorDiv(this.epochNanos, NS_PER_DAY);
    const nsOfDay = this.epochNanos - days * NS_PER_DAY;
    const secOfDay = Number(nsOfDay / NS_PER_SECOND);
    const [year, month, day] = civilFromDays(Number(days));
    const p = (value: number, width = 2) => String(value).padStart(width, '0');
    const time = `${p(Math.floor(secOfDay / 3600))}:${p(Math.floor(secOfDay / 60) % 60)}:${p(secOfDay % 60)}`;
    const frac = n === 0 ? '' : `.${(nsOfDay % NS_PER_SECOND).toString().padStart(9, '0').slice(0, n)}`;
    return `${p(year, 4)}-${p(month)}-${p(day)}T${time}${frac}Z`;
  }

  /** Same as {@link Timestamp.toString}, so JSON output keeps the source precision. */
  toJSON(): string {
    return this.toString();
  }

  /** Orders by instant, exactly to the nanosecond; precision is ignored. */
  compare(other: Timestamp): -1 | 0 | 1 {
    return this.epochNanos < other.epochNanos ? -1 : this.epochNanos > other.epochNanos ? 1 : 0;
  }

  /** True when both denote the same instant (`.1Z` equals `.100Z`). */
  equals(other: Timestamp): boolean {
    return this.epochNanos === other.epochNanos;
  }

  /** True when this instant is strictly earlier than `other`. */
  isBefore(other: Timestamp): boolean {
    return this.epochNanos < other.epochNanos;
  }

  /** True when this instant is strictly later than `other`. */
  isAfter(other: Timestamp): boolean {
    return this.epochNanos > other.epochNanos;
  }

  /** This instant moved by float `seconds` (rounded to the nearest nanosecond as in fromEpochSeconds). */
  plusSeconds(seconds: number): Timestamp {
    return new Timestamp(this.epochNanos + secondsToNanos(seconds), this.precision);
  }

  /** This instant moved by `ns` nanoseconds (may be negative). */
  plusNanos(ns: bigint): Timestamp {
    return new Timestamp(this.epochNanos + ns, this.precision);
  }

  /** `this - other` in float seconds (exact up to double rounding). */
  secondsSince(other: Timestamp): number {
    const diff = this.nanosSince(other);
    const whole = diff / NS_PER_SECOND;
    return Number(whole) + Number(diff - whole * NS_PER_SECOND) / 1e9;
  }

  /** `this - other` in nanoseconds. */
  nanosSince(other: Timestamp): bigint {
    return this.epochNanos - other.epochNanos;
  }

  /** A Date truncated (towards the past) to the millisecond: lossy, for display and interop only. */
  toDate(): Date {
    return new Date(Number(floorDiv(this.epochNanos, 1_000_000n)));
  }
}

/** Orders two timestamps by instant; handy as an `Array.prototype.sort` comparator. */
export function compareTimestamps(a: Timestamp, b: Timestamp): -1 | 0 | 1 {
  return a.compare(b);
}
