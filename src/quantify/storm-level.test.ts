import { describe, expect, it } from 'vitest';
import { stormLevel } from './storm-level.js';

const H = 3_600_000_000_000n;
const NOW = 1000n * H;
const incident = (severity: string, hoursAgo: number, goalReached = false) => ({
  severity,
  goalReached,
  updated: NOW - BigInt(Math.round(hoursAgo * 3600)) * 1_000_000_000n,
});

describe('stormLevel', () => {
  it('applies the documented rules in order', () => {
    const level = (incidents: ReturnType<typeof incident>[], sessions: bigint[] = []) =>
      stormLevel({ now: NOW, incidents, sessionsLastSeen: sessions }).level;
    expect(level([])).toBe('green');
    expect(
      level(
        [],
        Array.from({ length: 9 }, () => NOW),
      ),
    ).toBe('green');
    expect(
      level(
        [],
        Array.from({ length: 10 }, () => NOW),
      ),
    ).toBe('yellow');
    expect(level([incident('medium', 23)])).toBe('yellow');
    expect(level([incident('medium', 25)])).toBe('green');
    expect(level([incident('high', 2)])).toBe('orange');
    expect(level([incident('critical', 2, true)])).toBe('orange');
    expect(level([incident('critical', 0.5, true)])).toBe('red');
    expect(level([incident('critical', 5), incident('critical', 6), incident('critical', 7)])).toBe('red');
  });

  it('says why', () => {
    expect(stormLevel({ now: NOW, incidents: [incident('high', 1)], sessionsLastSeen: [] }).reason).toBe(
      '1 critical or high incident(s) in the last 24 hours',
    );
  });
});
