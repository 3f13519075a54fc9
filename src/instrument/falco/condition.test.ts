import { describe, expect, it } from 'vitest';
import { conditionProblem, outputProblem } from './condition.js';

describe('conditionProblem', () => {
  it.each([
    'spawned_process and container and proc.name = sh',
    'evt.type in (open, openat) and fd.name startswith /etc/shadow',
    'proc.cmdline contains "a ) b" and proc.name != \'x(\'',
    'proc.cmdline contains "escaped \\" quote" and (a or (b and c))',
    'ka.verb=create and\n  ka.target.resource=persistentvolumes',
  ])('accepts %j', (condition) => {
    expect(conditionProblem(condition)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['   \n ', /empty/],
    ['(a and b', /1 parenthesis open/],
    ['((a', /2 parentheses open/],
    ['a) and (b', /never opened/],
    ['proc.name = "sh', /" quote open/],
    ["proc.name = 'sh", /' quote open/],
    ['proc.name = sh\u0000', /control character/],
  ])('rejects %j', (condition, message) => {
    expect(conditionProblem(condition)).toMatch(message);
  });
});

describe('outputProblem', () => {
  it('accepts one line with fields', () => {
    expect(outputProblem('Shell | user=%user.name')).toBeUndefined();
  });

  it.each(['', 'two\nlines', 'bell\u0007'])('rejects %j', (output) => {
    expect(outputProblem(output)).toBeDefined();
  });
});
