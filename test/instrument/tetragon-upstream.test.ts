// Runs real TracingPolicies through kstorm's validator: upstream k8sstormcenter's policies (valid except
// the few that are genuinely broken, each said why below), Tetragon's own examples (all valid) and the
// O'Reilly book policies Tetragon's README calls broken (all rejected, by the YAML parser or the validator).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type PolicyDocument, validateTracingPolicies } from '../../src/instrument/tetragon/index.js';

const FIXTURES = new URL('../fixtures/tracingpolicies/', import.meta.url).pathname;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(entry) ? [path] : [];
    })
    .sort();
}

interface Loaded {
  readonly documents: PolicyDocument[];
  /** Files the YAML parser rejects, with its first message. */
  readonly yamlErrors: Map<string, string>;
}

/** Every document of every YAML file under `dir`, named by relative path (`file#2` for a second document). */
function load(dir: string): Loaded {
  const documents: PolicyDocument[] = [];
  const yamlErrors = new Map<string, string>();
  for (const path of yamlFiles(dir)) {
    const name = relative(dir, path);
    const parsed = parseAllDocuments(readFileSync(path, 'utf8'));
    const all = Array.isArray(parsed) ? parsed : [];
    const error = all.flatMap((document) => document.errors)[0];
    if (error !== undefined) {
      yamlErrors.set(name, error.message);
      continue;
    }
    all.forEach((document, i) => {
      const value: unknown = document.toJS();
      if (value !== null) documents.push({ name: all.length > 1 ? `${name}#${i + 1}` : name, value });
    });
  }
  return { documents, yamlErrors };
}

/** Problems grouped by the document (file) they name first. */
function byFile(documents: readonly PolicyDocument[]) {
  const problems = validateTracingPolicies(documents);
  const grouped = new Map<string, typeof problems>();
  for (const problem of problems) {
    const file = documents
      .map((d) => d.name)
      .find((name) => problem.message.startsWith(`${name}:`) || problem.message.startsWith(`${name} `));
    const key = file ?? '?';
    grouped.set(key, [...(grouped.get(key) ?? []), problem]);
  }
  return { problems, grouped };
}

describe('k8sstormcenter TracingPolicies', () => {
  const { documents, yamlErrors } = load(join(FIXTURES, 'k8sstormcenter'));
  const { problems, grouped } = byFile(documents);

  it('parses every file', () => {
    expect(yamlErrors).toEqual(new Map());
    expect(documents.length).toBe(33);
  });

  it('rejects cilium-l7.yaml for its invented fields', () => {
    const l7 = grouped.get('cilium-l7.yaml') ?? [];
    expect(l7.every((p) => p.code === 'KSTORM_POLICY_SCHEMA')).toBe(true);
    expect(l7.map((p) => p.path)).toEqual(
      expect.arrayContaining(['/spec/selectors', '/spec/actions', '/spec/tracepoints/0/syscalls']),
    );
    expect(l7.find((p) => p.path === '/spec/selectors')?.message).toMatch(/unknown field "selectors"/);
  });

  it('reports the name both 7detect-sensitivefile-access.yaml and 9managed-identitytokenaccess.yaml use', () => {
    const collisions = problems.filter((p) => p.code === 'KSTORM_POLICY_NAME_COLLISION');
    expect(collisions).toHaveLength(1);
    expect(collisions[0]?.message).toContain('9managed-identitytokenaccess.yaml');
    expect(collisions[0]?.message).toContain('7detect-sensitivefile-access.yaml');
    expect(collisions[0]?.message).toContain('"detect-sensitive-file-access"');
  });

  it('finds the genuinely broken calibration policies, and nothing in the others', () => {
    // 1-token-steal.yaml is a stub upstream (metadata only, no spec).
    expect(grouped.get('calibration/1-token-steal.yaml')?.map((p) => [p.code, p.message])).toEqual([
      ['KSTORM_POLICY_SCHEMA', 'calibration/1-token-steal.yaml: required field "spec" is missing'],
    ]);
    // 1-exploit-host-write.yaml filters the write(2) fd (an int) with Postfix "breakout", which only
    // applies to strings, and its sizeArgIndex 2 (1-based) points at the buffer itself, not the count.
    expect(grouped.get('calibration/1-exploit-host-write.yaml')?.map((p) => [p.code, p.path])).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/args/1/sizeArgIndex'],
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/operator'],
    ]);
    expect([...grouped.keys()].sort()).toEqual([
      '9managed-identitytokenaccess.yaml',
      'calibration/1-exploit-host-write.yaml',
      'calibration/1-token-steal.yaml',
      'cilium-l7.yaml',
    ]);
  });

  it('accepts the other policies one by one, including 3enumerate-python.yaml with 19 path prefixes', () => {
    const broken = new Set([
      'cilium-l7.yaml',
      'calibration/1-token-steal.yaml',
      'calibration/1-exploit-host-write.yaml',
    ]);
    for (const document of documents.filter((d) => !broken.has(d.name))) {
      expect(validateTracingPolicies([document]), document.name).toEqual([]);
    }
  });
});

describe('Tetragon example policies', () => {
  const { documents, yamlErrors } = load(join(FIXTURES, 'cilium-tetragon', 'examples'));

  it('accepts each of them', () => {
    expect(yamlErrors).toEqual(new Map());
    expect(documents.length).toBeGreaterThanOrEqual(13);
    // Each on its own: several examples reuse one name, as alternatives of each other.
    for (const document of documents) expect(validateTracingPolicies([document]), document.name).toEqual([]);
  });
});

describe("the O'Reilly book policies Tetragon calls broken", () => {
  const { documents, yamlErrors } = load(join(FIXTURES, 'cilium-tetragon', 'book'));

  it('fails YAML parsing where they indent with tabs or break a sequence', () => {
    expect([...yamlErrors.keys()].sort()).toEqual([
      '04_chapter/00_cilium_runtime_security_policy/02_nsenter.yaml',
      '04_chapter/01_cilium_tracing_policy/04_deny_c2_connection.yaml',
    ]);
  });

  it('rejects every policy that parses, with the failing path', () => {
    const policies = documents.filter((d) => (d.value as { kind?: unknown }).kind === 'TracingPolicy');
    expect(policies.length).toBe(3);
    for (const policy of policies) {
      const problems = validateTracingPolicies([policy]);
      expect(problems.length, policy.name).toBeGreaterThan(0);
      expect(problems.some((p) => p.code === 'KSTORM_POLICY_SCHEMA' && p.path?.startsWith('/spec/'))).toBe(
        true,
      );
    }
    // The privileged-pod policy also names the book's pre-release API group.
    const privileged = policies.filter((p) => p.name.endsWith('01_privileged_pod.yaml'));
    expect(validateTracingPolicies(privileged)[0]).toMatchObject({
      code: 'KSTORM_POLICY_INVALID',
      path: '/apiVersion',
    });
    const write = validateTracingPolicies(
      policies.filter((p) => p.name.endsWith('03_etc_kubernetes_manifests_write.yaml')),
    );
    expect(write.map((p) => p.message)).toContainEqual(
      expect.stringMatching(/matchActions\/0\/argName: unknown field "argName"/),
    );
  });
});
