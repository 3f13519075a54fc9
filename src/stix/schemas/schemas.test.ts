// The vendored OASIS schema tree and its import list (oasis/index.ts) must not drift apart, and kstorm's
// own schemas must be valid JSON Schema 2020-12 documents under kstorm.dev ids.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KSTORM_EXTENSIONS } from '../kubernetes.js';
import { OASIS_SCHEMAS } from './oasis/index.js';

const here = new URL('.', import.meta.url).pathname;

describe('vendored schemas', () => {
  it('oasis/index.ts imports every schema file in the tree, and nothing else', () => {
    const onDisk = ['common', 'sdos', 'sros', 'observables'].flatMap((folder) =>
      readdirSync(join(here, 'oasis', folder))
        .filter((f) => f.endsWith('.json'))
        .map((f) => `${folder}/${f}`),
    );
    expect(Object.keys(OASIS_SCHEMAS).sort()).toEqual(onDisk.sort());
    expect(onDisk.length).toBe(57);
  });

  it('keeps the OASIS licence and notice beside the schemas', () => {
    expect(readFileSync(join(here, 'oasis', 'LICENSE'), 'utf8')).toMatch(/OASIS Open/);
    expect(readFileSync(join(here, 'oasis', 'NOTICE.md'), 'utf8')).toMatch(
      /3bf9e69dc18dbbe995676c5dde027ead76e2b6fa/,
    );
  });

  it('every kstorm extension has a schema file whose $id the definition names', () => {
    const files = readdirSync(join(here, 'kstorm')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(KSTORM_EXTENSIONS.length);
    for (const extension of KSTORM_EXTENSIONS) {
      expect(extension.definition.schema).toBe(extension.schema['$id']);
      expect(extension.schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    }
  });
});
