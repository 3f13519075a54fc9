// Loading models from disk through the app: files and folders, and the check that kstorm can generate
// every witness's sensor (the loader alone cannot know: instrument answers it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModelFiles, readModelSources } from '../../src/app/index.js';

const FIXTURES = new URL('../fixtures/threatmodels/', import.meta.url).pathname;

describe('loadModelFiles', () => {
  it('reports witnesses whose sensor no generated instrumentation provides, at their line', async () => {
    const file = `${FIXTURES}invalid-sensor-support.yaml`;
    const expected = [...readFileSync(file, 'utf8').matchAll(/^# expect: (\S+) (\d+):(\d+)$/gm)].map(
      (m) => `${m[1]} ${m[2]}:${m[3]}`,
    );
    const { problems } = await loadModelFiles([file]);
    expect(problems.map((p) => `${p.code} ${p.line}:${p.column}`).sort()).toEqual(expected.sort());
    expect(problems.map((p) => p.message).join('\n')).toMatch(/my_private_kernel_function[\s\S]*R9999/);
  });

  it('reads folders recursively, leaving out tests files', async () => {
    const sources = await readModelSources([FIXTURES]);
    const names = sources.map((s) => s.file.slice(FIXTURES.length));
    expect(names).toContain('valid-minimal.yaml');
    expect(names).toContain('invalid/schema.yaml');
    expect(names.some((n) => n.endsWith('.tests.yaml'))).toBe(false);
  });

  it('says which path cannot be read', async () => {
    await expect(loadModelFiles([`${FIXTURES}nope.yaml`])).rejects.toMatchObject({
      code: 'KSTORM_INPUT_UNREADABLE',
    });
  });
});
