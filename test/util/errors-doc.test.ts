// The error catalogue and docs/errors.md must list the same codes with the same texts, both ways.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, ERROR_CODES, KstormError } from '../../src/util/index.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const documented = new Map(
  [...doc.matchAll(/^\| `(KSTORM_[A-Z0-9_]+)` \| (.+?) \| (.+?) \|$/gm)].map((m) => [
    m[1],
    { summary: m[2], hint: m[3] },
  ]),
);

describe('error catalogue', () => {
  it('documents every code with its summary and hint', () => {
    for (const code of ERROR_CODES) {
      expect(documented.get(code), code).toEqual(ERROR_CATALOGUE[code]);
    }
  });

  it('has no documented code that the catalogue lacks', () => {
    expect([...documented.keys()].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('codes follow KSTORM_<AREA>_<WHAT>', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^KSTORM_[A-Z]+(_[A-Z0-9]+)*$/);
  });

  it('errors carry their code, details and the catalogue hint', () => {
    const error = new KstormError('KSTORM_INPUT_JSON', 'line 3 is not JSON', { line: 3 });
    expect(error.code).toBe('KSTORM_INPUT_JSON');
    expect(error.details).toEqual({ line: 3 });
    expect(error.hint).toBe(ERROR_CATALOGUE.KSTORM_INPUT_JSON.hint);
    expect(error).toBeInstanceOf(Error);
  });
});
