import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ErrorCode, KstormError } from '../util/index.js';
import { compareTimestamps, Timestamp, type TimestampParseOptions } from './timestamp.js';

const MIN_MS = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const MAX_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
const MIN_NS = BigInt(MIN_MS) * 1_000_000n;
const MAX_NS = BigInt(MAX_MS) * 1_000_000n + 999_999n;

const ts = (text: string, options?: TimestampParseOptions) => Timestamp.parse(text, options);

/** Asserts `fn` throws a KstormError with `code` whose message matches `pattern`, and returns it. */
function expectKstormError(fn: () => unknown, code: ErrorCode, pattern: RegExp): KstormError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(KstormError);
  const error = caught as KstormError;
  expect(error.code).toBe(code);
  expect(error.message).toMatch(pattern);
  return error;
}

const expectSyntax = (text: string, pattern: RegExp, options?: TimestampParseOptions) => {
  const error = expectKstormError(() => ts(text, options), 'KSTORM_TIMESTAMP_SYNTAX', pattern);
  expect(Timestamp.tryParse(text, options)).toBeUndefined();
  return error;
};
const expectRange = (text: string, pattern: RegExp, options?: TimestampParseOptions) => {
  const error = expectKstormError(() => ts(text, options), 'KSTORM_TIMESTAMP_RANGE', pattern);
  expect(error.message).toContain(JSON.stringify(text));
  expect(error.details).toEqual({ text });
  expect(Timestamp.tryParse(text, options)).toBeUndefined();
  return error;
};

/** Epoch milliseconds of a civil UTC date, via Date but without Date.UTC's two-digit-year remapping. */
function utcMillis(year: number, month: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

describe('Timestamp.parse and toString', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('round-trips text with %i fractional digits', (digits) => {
    const fraction = digits === 0 ? '' : `.${'987654321'.slice(0, digits)}`;
    const text = `2024-03-15T12:34:56${fraction}Z`;
    const parsed = ts(text);
    expect(parsed.precision).toBe(digits);
    expect(parsed.toString()).toBe(text);
    expect(parsed.toJSON()).toBe(text);
    expect(JSON.stringify({ created: parsed })).toBe(`{"created":"${text}"}`);
    const expected = BigInt(utcMillis(2024, 3, 15, 12, 34, 56)) * 1_000_000n;
    expect(parsed.epochNanos).toBe(expected + BigInt(fraction.slice(1).padEnd(9, '0') || '0'));
  });

  it('keeps trailing zeros so text round-trips exactly', () => {
    for (const text of [
      '2024-01-01T00:00:00.100Z',
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:00.000000000Z',
    ]) {
      expect(ts(text).toString()).toBe(text);
    }
  });

  it('maps the epoch and its neighbours to exact nanoseconds', () => {
    expect(ts('1970-01-01T00:00:00Z').epochNanos).toBe(0n);
    expect(ts('1970-01-01T00:00:00.000000001Z').epochNanos).toBe(1n);
    expect(ts('1969-12-31T23:59:59.999999999Z').epochNanos).toBe(-1n);
    expect(Timestamp.fromEpochNanos(-1n).toString()).toBe('1969-12-31T23:59:59.999999999Z');
    expect(Timestamp.fromEpochNanos(-1_500_000_000n, 1).toString()).toBe('1969-12-31T23:59:58.5Z');
  });

  it('covers the whole range 0000 to 9999', () => {
    expect(ts('0000-01-01T00:00:00Z').epochNanos).toBe(MIN_NS);
    expect(ts('9999-12-31T23:59:59.999999999Z').epochNanos).toBe(MAX_NS);
    expect(Timestamp.fromEpochNanos(MIN_NS, 0).toString()).toBe('0000-01-01T00:00:00Z');
    expect(Timestamp.fromEpochNanos(MAX_NS).toString()).toBe('9999-12-31T23:59:59.999999999Z');
  });
});

describe('comparison and equality', () => {
  const one = ts('2024-01-01T00:00:00.000000001Z');
  const two = ts('2024-01-01T00:00:00.000000002Z');

  it('orders instants that share a millisecond', () => {
    expect(one.toDate().getTime()).toBe(two.toDate().getTime());
    expect(one.compare(two)).toBe(-1);
    expect(two.compare(one)).toBe(1);
    expect(one.compare(one)).toBe(0);
    expect(one.isBefore(two)).toBe(true);
    expect(one.isAfter(two)).toBe(false);
    expect(two.isAfter(one)).toBe(true);
    expect(one.isBefore(one)).toBe(false);
    expect(one.equals(two)).toBe(false);
    expect(two.nanosSince(one)).toBe(1n);
  });

  it('treats different precisions of one instant as equal', () => {
    const short = ts('2024-01-01T00:00:00.1Z');
    for (const text of ['2024-01-01T00:00:00.100Z', '2024-01-01T00:00:00.100000000Z']) {
      expect(short.equals(ts(text))).toBe(true);
      expect(short.compare(ts(text))).toBe(0);
    }
    expect(ts('2024-01-01T00:00:00Z').equals(ts('2024-01-01T00:00:00.000Z'))).toBe(true);
    expect(short.toString()).not.toBe(ts('2024-01-01T00:00:00.100Z').toString());
  });

  it('sorts with compareTimestamps, including across precisions and before 1970', () => {
    const texts = ['2024-01-01T00:00:00.5Z', '1969-12-31T23:59:59.999999999Z', '2024-01-01T00:00:00.49999Z'];
    const sorted = texts.map((text) => ts(text)).sort(compareTimestamps);
    expect(sorted.map(String)).toEqual([texts[1], texts[2], texts[0]]);
    expect(compareTimestamps(one, two)).toBe(-1);
  });
});

describe('format', () => {
  const t = ts('2024-05-06T07:08:09.120000Z');

  it('prints the shortest exact form for auto', () => {
    expect(t.format('auto')).toBe('2024-05-06T07:08:09.12Z');
    expect(ts('2024-05-06T07:08:09.000Z').format('auto')).toBe('2024-05-06T07:08:09Z');
    expect(ts('2024-05-06T07:08:09.000000001Z').format('auto')).toBe('2024-05-06T07:08:09.000000001Z');
  });

  it('prints at least milliseconds, more only when needed, for milli', () => {
    expect(t.format('milli')).toBe('2024-05-06T07:08:09.120Z');
    expect(ts('2024-05-06T07:08:09Z').format('milli')).toBe('2024-05-06T07:08:09.000Z');
    expect(ts('2024-05-06T07:08:09.1234Z').format('milli')).toBe('2024-05-06T07:08:09.1234Z');
  });

  it('pads or truncates to an explicit digit count', () => {
    expect(t.format(0)).toBe('2024-05-06T07:08:09Z');
    expect(t.format(1)).toBe('2024-05-06T07:08:09.1Z');
    expect(t.format(9)).toBe('2024-05-06T07:08:09.120000000Z');
    expect(ts('1969-12-31T23:59:59.999Z').format(1)).toBe('1969-12-31T23:59:59.9Z');
  });

  it('rejects digit counts outside 0..9', () => {
    for (const digits of [-1, 10, 1.5, Number.NaN]) expect(() => t.format(digits)).toThrow(RangeError);
  });
});

describe('arithmetic', () => {
  it('adds fractional and negative seconds exactly', () => {
    const t = ts('2024-01-01T00:00:00Z');
    expect(t.plusSeconds(1.5).toString()).toBe('2024-01-01T00:00:01.5Z');
    expect(t.plusSeconds(0.1).epochNanos - t.epochNanos).toBe(100_000_000n);
    expect(t.plusSeconds(0.000000001).toString()).toBe('2024-01-01T00:00:00.000000001Z');
    expect(t.plusSeconds(-0.25).toString()).toBe('2023-12-31T23:59:59.75Z');
    expect(t.plusSeconds(-1e-9).toString()).toBe('2023-12-31T23:59:59.999999999Z');
    expect(t.plusSeconds(1e-10).equals(t)).toBe(true);
    expect(t.plusSeconds(5e-10).epochNanos - t.epochNanos).toBe(1n);
    expect(t.plusSeconds(-5e-10).epochNanos - t.epochNanos).toBe(-1n);
    expect(t.plusSeconds(0).toString()).toBe('2024-01-01T00:00:00Z');
  });

  it('keeps the larger of the current precision and the digits the result needs', () => {
    expect(ts('2024-01-01T00:00:00.100Z').plusSeconds(1).toString()).toBe('2024-01-01T00:00:01.100Z');
    expect(ts('2024-01-01T00:00:00.100Z').plusSeconds(0.0001).toString()).toBe('2024-01-01T00:00:00.1001Z');
    expect(ts('2024-01-01T00:00:00Z').plusNanos(1_000n).precision).toBe(6);
  });

  it.each([
    ['2024-01-31T23:59:59.5Z', 1, '2024-02-01T00:00:00.5Z'],
    ['2024-12-31T23:59:59Z', 1, '2025-01-01T00:00:00Z'],
    ['2025-01-01T00:00:00Z', -1, '2024-12-31T23:59:59Z'],
    ['2024-02-28T12:00:00Z', 86_400, '2024-02-29T12:00:00Z'],
    ['2024-02-28T12:00:00Z', 2 * 86_400, '2024-03-01T12:00:00Z'],
    ['2023-02-28T12:00:00Z', 86_400, '2023-03-01T12:00:00Z'],
    ['2000-02-28T00:00:00Z', 86_400, '2000-02-29T00:00:00Z'],
    ['1900-02-28T00:00:00Z', 86_400, '1900-03-01T00:00:00Z'],
    ['2024-03-01T00:00:00Z', -86_400, '2024-02-29T00:00:00Z'],
    ['1970-01-01T00:00:00Z', -0.5, '1969-12-31T23:59:59.5Z'],
    ['2024-01-01T00:00:00Z', 366 * 86_400, '2025-01-01T00:00:00Z'],
    ['2023-01-01T00:00:00Z', 365 * 86_400, '2024-01-01T00:00:00Z'],
  ] as const)('%s plus %d s is %s', (start, seconds, end) => {
    expect(ts(start).plusSeconds(seconds).toString()).toBe(end);
    expect(ts(end).secondsSince(ts(start))).toBe(seconds);
    expect(ts(end).nanosSince(ts(start))).toBe(BigInt(seconds * 1e9));
  });

  it('adds nanoseconds and measures differences', () => {
    const a = ts('2024-01-01T00:00:00.000000001Z');
    expect(a.plusNanos(-2n).toString()).toBe('2023-12-31T23:59:59.999999999Z');
    expect(a.plusNanos(1_000_000_000n).secondsSince(a)).toBe(1);
    expect(ts('2024-01-01T00:00:01.5Z').secondsSince(ts('2024-01-01T00:00:00Z'))).toBe(1.5);
    expect(ts('2024-01-01T00:00:00Z').secondsSince(ts('2024-01-01T00:00:01.5Z'))).toBe(-1.5);
    expect(ts('9999-12-31T23:59:59Z').secondsSince(ts('0000-01-01T00:00:00Z'))).toBe(
      10_000 * 365.2425 * 86_400 - 1,
    );
  });

  it('refuses to leave years 0000 to 9999', () => {
    const pattern = /outside years 0000 to 9999/;
    expectKstormError(() => ts('9999-12-31T23:59:59Z').plusSeconds(1), 'KSTORM_TIMESTAMP_RANGE', pattern);
    expectKstormError(() => ts('0000-01-01T00:00:00Z').plusNanos(-1n), 'KSTORM_TIMESTAMP_RANGE', pattern);
    expect(() => ts('2024-01-01T00:00:00Z').plusSeconds(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('epoch conversions', () => {
  it('agrees with Date for the first, 28th and last day of every month in many years', () => {
    const years = [
      0, 1, 4, 99, 100, 400, 1582, 1600, 1899, 1900, 1969, 1970, 1999, 2000, 2023, 2024, 2100, 9999,
    ];
    for (const year of years) {
      for (let month = 1; month <= 12; month += 1) {
        const last = new Date(utcMillis(year, month + 1, 1) - 1).getUTCDate();
        for (const day of [1, 28, last]) {
          const ms = utcMillis(year, month, day, 13, 14, 15, 161);
          const text = new Date(ms).toISOString();
          expect(ts(text).epochNanos).toBe(BigInt(ms) * 1_000_000n);
          expect(Timestamp.fromEpochMillis(ms).toString()).toBe(text);
        }
      }
    }
  });

  it('matches Date.toISOString for any millisecond in range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_MS, max: MAX_MS }), (ms) => {
        const iso = new Date(ms).toISOString();
        const t = Timestamp.fromEpochMillis(ms);
        expect(t.toString()).toBe(iso);
        expect(t.precision).toBe(3);
        expect(ts(iso).epochNanos).toBe(BigInt(ms) * 1_000_000n);
        expect(t.toDate().getTime()).toBe(ms);
        expect(Timestamp.fromDate(new Date(ms)).equals(t)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any nanosecond at any precision through text (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: MIN_NS, max: MAX_NS }),
        fc.integer({ min: 0, max: 9 }),
        (ns, precision) => {
          const t = Timestamp.fromEpochNanos(ns, precision);
          expect(t.precision).toBeGreaterThanOrEqual(precision);
          expect(ts(t.toString()).epochNanos).toBe(ns);
          expect(ts(t.toString()).precision).toBe(t.precision);
          expect(ts(t.format('auto')).epochNanos).toBe(ns);
          expect(ts(t.format('milli')).epochNanos).toBe(ns);
          const floorMs = ns / 1_000_000n - (ns % 1_000_000n < 0n ? 1n : 0n);
          expect(t.toDate().getTime()).toBe(Number(floorMs));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('orders like the fixed-width text does (property)', () => {
    const instant = fc.bigInt({ min: MIN_NS, max: MAX_NS });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [x, y] = [Timestamp.fromEpochNanos(a), Timestamp.fromEpochNanos(b)];
        const [sx, sy] = [x.format(9), y.format(9)];
        expect(x.compare(y)).toBe(sx < sy ? -1 : sx > sy ? 1 : 0);
        expect(x.plusNanos(y.nanosSince(x)).equals(y)).toBe(true);
      }),
    );
  });

  it('converts float epoch seconds via their decimal form, rounded to the nanosecond', () => {
    expect(Timestamp.fromEpochSeconds(1_700_000_000.123456).toString()).toBe(
      '2023-11-14T22:13:20.123456000Z',
    );
    expect(Timestamp.fromEpochSeconds(0.1).epochNanos).toBe(100_000_000n);
    expect(Timestamp.fromEpochSeconds(-1.5).toString()).toBe('1969-12-31T23:59:58.500000000Z');
    expect(Timestamp.fromEpochSeconds(1e-7).epochNanos).toBe(100n);
    expect(Timestamp.fromEpochSeconds(1.0000000004).epochNanos).toBe(1_000_000_000n);
    expect(Timestamp.fromEpochSeconds(1.0000000005).epochNanos).toBe(1_000_000_001n);
    expect(Timestamp.fromEpochSeconds(0).toString()).toBe('1970-01-01T00:00:00.000000000Z');
    expect(() => Timestamp.fromEpochSeconds(Number.NaN)).toThrow(RangeError);
    expectKstormError(() => Timestamp.fromEpochSeconds(1e21), 'KSTORM_TIMESTAMP_RANGE', /outside years/);
  });

  it('converts milliseconds and Dates, and truncates towards the past in toDate', () => {
    expect(Timestamp.fromEpochMillis(1).toString()).toBe('1970-01-01T00:00:00.001Z');
    expect(Timestamp.fromDate(new Date('2024-02-29T01:02:03.004Z')).toString()).toBe(
      '2024-02-29T01:02:03.004Z',
    );
    expect(() => Timestamp.fromEpochMillis(1.5)).toThrow(RangeError);
    expect(() => Timestamp.fromDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(Timestamp.fromEpochNanos(-1n).toDate().getTime()).toBe(-1);
    expect(Timestamp.fromEpochNanos(1_999_999n).toDate().getTime()).toBe(1);
  });

  it('raises fromEpochNanos precision to what the instant needs and validates it', () => {
    expect(Timestamp.fromEpochNanos(0n).toString()).toBe('1970-01-01T00:00:00.000000000Z');
    expect(Timestamp.fromEpochNanos(1_500_000_000n, 0).toString()).toBe('1970-01-01T00:00:01.5Z');
    expect(() => Timestamp.fromEpochNanos(0n, 10)).toThrow(RangeError);
    expect(() => Timestamp.fromEpochNanos(0n, -1)).toThrow(RangeError);
    expectKstormError(() => Timestamp.fromEpochNanos(MAX_NS + 1n), 'KSTORM_TIMESTAMP_RANGE', /outside/);
    expectKstormError(() => Timestamp.fromEpochNanos(MIN_NS - 1n), 'KSTORM_TIMESTAMP_RANGE', /outside/);
  });
});

describe('calendar validation', () => {
  it('knows the Gregorian leap years', () => {
    expect(ts('2000-02-29T00:00:00Z').toString()).toBe('2000-02-29T00:00:00Z');
    expect(ts('2024-02-29T00:00:00Z').plusSeconds(86_400).toString()).toBe('2024-03-01T00:00:00Z');
    expect(ts('0000-02-29T00:00:00Z').toString()).toBe('0000-02-29T00:00:00Z');
    expectRange('1900-02-29T00:00:00Z', /day 29, but February 1900 has 28 days/);
    expectRange('2023-02-29T00:00:00Z', /day 29, but February 2023 has 28 days/);
    expectRange('2100-02-29T00:00:00Z', /February 2100 has 28 days/);
  });

  it('words day errors as one clear sentence', () => {
    const error = expectRange('2024-02-30T00:00:00Z', /day 30/);
    expect(error.message).toBe('timestamp "2024-02-30T00:00:00Z" has day 30, but February 2024 has 29 days');
  });

  it.each([
    ['2024-13-01T00:00:00Z', /month 13, but months run from 01 to 12/],
    ['2024-00-01T00:00:00Z', /month 00/],
    ['2024-01-00T00:00:00Z', /day 00, but January 2024 has 31 days/],
    ['2024-01-32T00:00:00Z', /day 32/],
    ['2024-04-31T00:00:00Z', /day 31, but April 2024 has 30 days/],
    ['2024-01-01T24:00:00Z', /hour 24, but hours run from 00 to 23/],
    ['2024-01-01T00:60:00Z', /minute 60/],
    ['2024-01-01T00:00:61Z', /second 61/],
    ['2024-01-01T12:00:60Z', /second 60.*leap second 23:59:60/],
    ['2016-12-31T23:58:60Z', /second 60/],
    ['2016-12-31T22:59:60Z', /second 60/],
  ])('rejects %s as out of range', (text, pattern) => {
    expectRange(text, pattern);
  });

  it('accepts the leap second 23:59:60 as the next midnight', () => {
    const leap = ts('2016-12-31T23:59:60Z');
    expect(leap.equals(ts('2017-01-01T00:00:00Z'))).toBe(true);
    expect(leap.toString()).toBe('2017-01-01T00:00:00Z');
    expect(leap.isAfter(ts('2016-12-31T23:59:59.999999999Z'))).toBe(true);
    expect(ts('2016-12-31T23:59:60.5Z').toString()).toBe('2017-01-01T00:00:00.5Z');
    expect(ts('2016-12-31T23:59:60.5Z').secondsSince(ts('2016-12-31T23:59:59Z'))).toBe(1.5);
    expect(ts('2024-02-28T23:59:60Z').toString()).toBe('2024-02-29T00:00:00Z');
    expectRange('9999-12-31T23:59:60Z', /outside years 0000 to 9999/);
  });
});

describe('syntax validation', () => {
  it.each([
    ['2024-01-01t00:00:00Z', /separates date and time with "t", not 'T'/],
    ['2024-01-01 00:00:00Z', /separates date and time with " ", not 'T'/],
    ['2024-01-01T00:00:00z', /lower-case 'z'/],
    ['2024-01-01T00:00:00', /no time zone designator/],
    ['2024-01-01T00:00:00.123', /no time zone designator/],
    ['2024-01-01T00:00:00+00:00Z', /both an offset and 'Z'/],
    ['2024-01-01T00:00:00.5-05:00Z', /both an offset and 'Z'/],
    ['2024-01-01T00:00:00.1234567890Z', /10 fractional digits, more than 9/],
    ['2024-01-01T12:00:00.Z', /'\.' with no fractional digits/],
    ['2024-01-01T12:00:00.', /'\.' with no fractional digits/],
    ['2024-01-01T01:00:00+01:00', /offset \+01:00 instead of 'Z'/],
    ['2024-01-01T00:00:00Z ', /whitespace/],
    [' 2024-01-01T00:00:00Z', /whitespace/],
    ['2024-01-01T00:00:00Z\n', /whitespace/],
    ['2024-01-01T00:00:00ZZ', /"ZZ" after the seconds where 'Z' was expected/],
    ['2024-01-01T00:00:00,5Z', /",5Z" after the seconds/],
    ['', /not of the form YYYY-MM-DDTHH:MM:SS/],
    ['2024-01-01', /not of the form/],
    ['2024-1-01T00:00:00Z', /not of the form/],
    ['2024-01-01T00:00Z', /not of the form/],
    ['+02024-01-01T00:00:00Z', /not of the form/],
    ['２０２４-01-01T00:00:00Z', /not of the form/],
    ['2024-01-01T00:00:00.1x2Z', /"x2Z" after the seconds/],
  ])('rejects %j', (text, pattern) => {
    const error = expectSyntax(text, pattern);
    expect(error.message).toContain(JSON.stringify(text));
    expect(error.details).toEqual({ text });
  });

  it('rejects an offset followed by Z even when offsets are allowed', () => {
    expectSyntax('2024-01-01T00:00:00+00:00Z', /both an offset and 'Z'/, { allowOffset: true });
    expectSyntax('2024-01-01T00:00:00z', /lower-case 'z'/, { allowOffset: true });
    expectSyntax('2024-01-01T00:00:00+0100', /where 'Z' or an offset like \+01:00 was expected/, {
      allowOffset: true,
    });
  });

  it('rejects overly long input up front with a bounded message', () => {
    for (const text of ['x'.repeat(65), `2024-01-01T00:00:00.${'1'.repeat(60)}Z`, '1'.repeat(5_000_000)]) {
      const started = performance.now();
      const error = expectSyntax(
        text,
        new RegExp(`is ${text.length} characters long, more than the 64 allowed`),
      );
      expect(performance.now() - started).toBeLessThan(1000);
      expect(error.message.length).toBeLessThan(160);
      expect(error.message).toContain('…');
    }
    expect(ts(`2024-01-01T00:00:00.123456789+23:59`, { allowOffset: true }).toString()).toHaveLength(30);
  });

  it('rejects non-string input at runtime', () => {
    expectKstormError(() => ts(20240101 as unknown as string), 'KSTORM_TIMESTAMP_SYNTAX', /not a string/);
    expect(Timestamp.tryParse(null as unknown as string)).toBeUndefined();
  });

  it('stays fast on adversarial near-misses', () => {
    const started = performance.now();
    for (let i = 0; i < 10_000; i += 1) {
      Timestamp.tryParse(`2024-01-01T00:00:00.${'9'.repeat(40)}!`);
      Timestamp.tryParse(`${'2024-01-01T00:00:00'.repeat(3)}Z`);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('offsets', () => {
  const allowOffset = { allowOffset: true };

  it('are accepted with allowOffset and converted to UTC', () => {
    const t = ts('2024-01-01T01:00:00+01:00', allowOffset);
    expect(t.equals(ts('2024-01-01T00:00:00Z'))).toBe(true);
    expect(t.toString()).toBe('2024-01-01T00:00:00Z');
    expect(ts('2023-12-31T18:30:00.25-05:30', allowOffset).toString()).toBe('2024-01-01T00:00:00.25Z');
    expect(ts('2024-03-01T00:30:00+01:00', allowOffset).toString()).toBe('2024-02-29T23:30:00Z');
    expect(
      ts('2024-01-01T00:00:00+00:00', allowOffset).equals(ts('2024-01-01T00:00:00-00:00', allowOffset)),
    ).toBe(true);
  });

  it('place the leap second at 23:59:60 UTC, not local time', () => {
    expect(ts('2017-01-01T00:59:60+01:00', allowOffset).toString()).toBe('2017-01-01T00:00:00Z');
    expect(ts('2016-12-31T18:59:60-05:00', allowOffset).toString()).toBe('2017-01-01T00:00:00Z');
    expectRange('2016-12-31T23:59:60+01:00', /second 60/, allowOffset);
  });

  it('are range-checked, and must not push the instant outside 0000..9999', () => {
    expectRange('2024-01-01T00:00:00+24:00', /out-of-range offset \+24:00/, allowOffset);
    expectRange('2024-01-01T00:00:00+01:60', /out-of-range offset/, allowOffset);
    expectRange('0000-01-01T00:00:00+01:00', /outside years 0000 to 9999/, allowOffset);
    expectRange('9999-12-31T23:30:00-01:00', /outside years 0000 to 9999/, allowOffset);
  });

  it('are rejected by default and when allowOffset is false', () => {
    expectSyntax('2024-01-01T01:00:00+01:00', /offset \+01:00 instead of 'Z'/);
    expectSyntax('2024-01-01T01:00:00-00:00', /offset -00:00/, { allowOffset: false });
  });
});
