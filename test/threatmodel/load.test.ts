// The loader: a valid model resolves fully; every kind of problem is reported at its line and column
// (the negative fixtures say what they expect in `# expect: CODE line:column` comments); hostile input
// never throws.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNode, loadModels, loadModelText, witnessesOf } from '../../src/threatmodel/index.js';

const DIR = new URL('../fixtures/threatmodels/', import.meta.url).pathname;
const read = (name: string) => readFileSync(`${DIR}${name}`, 'utf8');
const INVALID = readdirSync(`${DIR}invalid`).filter((f) => f.endsWith('.yaml'));

describe('loading a valid model', () => {
  const result = loadModelText(read('valid-minimal.yaml'), 'valid-minimal.yaml');
  const [model] = result.threatModels;
  if (!model) throw new Error('the valid fixture did not load');

  it('has no problems and reads both documents', () => {
    expect(result.problems).toEqual([]);
    expect(result.threatModels.map((m) => m.metadata.name)).toEqual(['minimal']);
    expect(result.attackModels.map((m) => m.metadata.name)).toEqual(['ssh-then-nsenter']);
  });

  it('resolves sensors the author left to the pattern', () => {
    const witnesses = new Map([...witnessesOf(model)].map(({ witness }) => [witness.id, witness]));
    expect([...witnesses.keys()]).toEqual(['weak-ssh-login/1', 'exec-into-pod/1', 'nsenter/1', 'nsenter/2']);
    expect(witnesses.get('nsenter/1')?.sensor).toEqual({
      kind: 'tetragon',
      hook: '__x64_sys_setns',
      hookType: 'kprobe',
    });
    expect(witnesses.get('exec-into-pod/1')?.sensor).toEqual({
      kind: 'audit',
      resources: [{ group: '', resources: ['pods/exec'] }],
      verbs: ['create'],
      namespaces: [],
      level: 'Metadata',
    });
    expect(witnesses.get('nsenter/2')?.sensor).toMatchObject({
      kind: 'falco',
      rule: 'Launch Privileged Container',
      source: 'syscall',
    });
  });

  it('keeps positions and tree structure', () => {
    const [branch] = model.branches;
    expect(branch?.gate).toBe('sand');
    const leaf = branch && findNode(branch, 'weak-ssh-login');
    expect(leaf).toMatchObject({
      type: 'leaf',
      bait: 'ssh-root-root',
      priors: { probability: 0.6, cost: 1 },
    });
    expect(leaf?.position).toEqual({ file: 'valid-minimal.yaml', line: 22, column: 15 });
  });
});

describe('negative fixtures', () => {
  it.each(INVALID)('%s reports exactly the expected problems at their line and column', (name) => {
    const text = read(`invalid/${name}`);
    const expected = [...text.matchAll(/^# expect: (\S+) (\d+):(\d+)$/gm)].map(
      (m) => `${m[1]} ${m[2]}:${m[3]}`,
    );
    expect(expected.length).toBeGreaterThan(0);
    const { problems } = loadModelText(text, name);
    const found = problems.map((p) => `${p.code} ${p.line}:${p.column}`);
    expect(found.sort(), JSON.stringify(problems, null, 1)).toEqual(expected.sort());
    for (const p of problems) expect(p.file).toBe(name);
  });

  it('reports the problems of every file at once', () => {
    const sources = INVALID.map((name) => ({ file: name, text: read(`invalid/${name}`) }));
    const { problems } = loadModels(sources);
    const files = new Set(problems.map((p) => p.file));
    expect([...files].sort()).toEqual([...INVALID].sort());
  });

  it('points pattern errors into the pattern text', () => {
    const name = 'pattern.yaml';
    const text = read(`invalid/${name}`);
    const [first] = loadModelText(text, name).problems;
    const line = text.split('\n')[(first?.line ?? 0) - 1] ?? '';
    // The column is just past `x-k8s-api-request:verb =`, where a value was expected.
    expect(line.slice((first?.column ?? 0) - 1)).toBe(']"');
  });
});

describe('hostile input', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const result = loadModelText(text, 'fuzz.yaml');
        expect(Array.isArray(result.problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated valid models', () => {
    const valid = read('valid-minimal.yaml');
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.string({ maxLength: 12 }), (at, insert) => {
        const text = valid.slice(0, at) + insert + valid.slice(at + 1);
        loadModelText(text, 'mutated.yaml');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses alias bombs and oversized files with a located problem', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    const aliased = loadModelText(bomb.join('\n'), 'bomb.yaml');
    expect(aliased.problems.map((p) => p.code)).toContain('KSTORM_MODEL_YAML');
    const huge = loadModelText(`# ${'x'.repeat(5 * 1024 * 1024)}`, 'huge.yaml');
    expect(huge.problems[0]).toMatchObject({ code: 'KSTORM_MODEL_YAML', line: 1, column: 1 });
  });

  it('treats __proto__ keys as data', () => {
    const text = read('valid-minimal.yaml').replace(
      '  title: Minimal honeycluster',
      '  __proto__: {polluted: true}',
    );
    const { problems } = loadModelText(text, 'proto.yaml');
    expect(problems.map((p) => p.code)).toContain('KSTORM_MODEL_SCHEMA');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
