/** `kstorm model lint|compile|schema` and `kstorm instrument`: exit codes, located problems, files written. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createValidator } from '../../src/stix/index.js';
import { run, tempDir } from './helpers.js';

const FIXTURES = new URL('../fixtures/threatmodels/', import.meta.url).pathname;
const VALID = `${FIXTURES}valid-minimal.yaml`;

describe('kstorm model', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => dir.remove());

  it('lint: a valid model passes (exit 0) and says what it checked', async () => {
    const r = await run(['model', 'lint', VALID]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 threat model\(s\), 1 attack model\(s\), 3 leaves, 4 witnesses: 0 error\(s\)/);
  });

  it('lint: every problem as file:line:column, exit 1', async () => {
    const r = await run(['model', 'lint', `${FIXTURES}invalid/`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('invalid/schema.yaml:13:13: error KSTORM_MODEL_SCHEMA spec.branches[0].gate');
    expect(r.stdout).toContain('invalid/unknown-technique.yaml:15:24: error KSTORM_MODEL_UNKNOWN_TECHNIQUE');
  });

  it('lint: a leaf without a witness is a coverage error', async () => {
    const text = (await readFile(VALID, 'utf8')).replace(
      '        - id: nsenter\n',
      '        - id: blind-step\n          techniques: [T1610]\n        - id: nsenter\n',
    );
    const file = await dir.file('blind.yaml', text.replace('gate: sand', 'gate: or'));
    const r = await run(['model', 'lint', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /blind\.yaml:\d+:\d+: error KSTORM_MODEL_COVERAGE leaf blind-step has no witness/,
    );
  });

  it('lint --instrumentation: finds armed sensors no witness uses, and witnesses nothing arms (drift)', async () => {
    const folder = (await dir.file('deploy-placeholder', '')).replace(/deploy-placeholder$/, 'deploy');
    expect((await run(['instrument', VALID, '--out', folder])).code).toBe(0);
    const stale = `apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata: {name: old}\nspec:\n  kprobes:\n  - call: sys_ptrace\n    syscall: true\n`;
    await dir.file('deploy/tetragon/old.yaml', stale);
    await dir.file(
      'deploy/tetragon/kstorm-nsenter.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
    );
    const r = await run(['model', 'lint', VALID, '--instrumentation', folder]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /old\.yaml:1:1: error KSTORM_MODEL_COVERAGE kprobe sys_ptrace in TracingPolicy old is armed but no witness/,
    );
    expect(r.stdout).toMatch(
      /valid-minimal\.yaml:\d+:\d+: error KSTORM_MODEL_COVERAGE witness nsenter\/1 relies on tetragon sys_setns/,
    );
  });

  it('compile: a strictly valid bundle with the same ids each time', async () => {
    const first = await run(['model', 'compile', VALID]);
    const second = await run(['model', 'compile', VALID, '--now', '2031-01-01T00:00:00Z']);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const bundle = JSON.parse(first.stdout) as { objects: unknown[] };
    expect(createValidator({ strict: true }).validateAll(bundle.objects)).toEqual([]);
  });

  it('compile: refuses an invalid model, exit 1, problems on stderr', async () => {
    const r = await run(['model', 'compile', `${FIXTURES}invalid/pattern.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/pattern\.yaml:16:88: error KSTORM_MODEL_PATTERN/);
  });

  it('schema: prints the JSON Schema', async () => {
    const r = await run(['model', 'schema']);
    expect(JSON.parse(r.stdout)).toMatchObject({
      $id: 'https://kstorm.dev/schemas/threatmodel.v1alpha1.json',
    });
  });
});

describe('kstorm instrument', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => dir.remove());

  it('writes manifests and a kustomization listing the Kubernetes ones', async () => {
    const out = (await dir.file('x', '')).replace(/x$/, 'out');
    const r = await run([
      'instrument',
      VALID,
      '--out',
      out,
      '--set',
      'kstormUrl=https://kstorm.example:8443',
      '--set',
      'kstormIngestToken=abcdefghijklmnopqrstuvwxyz',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const files = (await readdir(out, { recursive: true })).map(String).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'kustomization.yaml',
        'audit/audit-policy.yaml',
        'tetragon/kstorm-nsenter.yaml',
        'bait/namespace.yaml',
      ]),
    );
    const kustomization = parseAllDocuments(
      await readFile(join(out, 'kustomization.yaml'), 'utf8'),
    )[0]?.toJS() as { resources: string[] };
    expect(kustomization.resources).toContain('tetragon/kstorm-nsenter.yaml');
    expect(kustomization.resources).not.toContain('audit/audit-policy.yaml');
    const policy = await readFile(join(out, 'tetragon/kstorm-nsenter.yaml'), 'utf8');
    expect(policy).toContain('kind: TracingPolicy');
    // A second run replaces its own files; a folder with someone else's file is refused.
    expect((await run(['instrument', VALID, '--out', out])).code).toBe(0);
    await dir.file('out/mine.yaml', 'kind: Mine\n');
    const refused = await run(['instrument', VALID, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('mine.yaml');
  });

  it('writes nothing for a model with errors', async () => {
    const out = (await dir.file('y', '')).replace(/y$/, 'never');
    const r = await run(['instrument', `${FIXTURES}invalid/sensors.yaml`, '--out', out]);
    expect(r.code).toBe(1);
    await expect(readdir(out)).rejects.toThrow();
  });
});
