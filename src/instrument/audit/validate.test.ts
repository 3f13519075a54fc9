import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateAuditPolicy, validateWebhookKubeconfig } from './validate.js';

const ROOT = new URL('../../..', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'test/fixtures/audit-policies');
const SHARED_POLICIES = join(ROOT, '..', 'shared', 'formats', 'k8s-audit', 'policies');

function load(path: string): unknown {
  return parse(readFileSync(path, 'utf8'));
}

const minimal = () => ({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'Metadata' }] });

describe('validateAuditPolicy', () => {
  it('accepts the vendored Falco k8saudit policy', () => {
    expect(validateAuditPolicy(load(join(FIXTURES, 'audit-policy-falco-k8saudit.yaml')))).toEqual([]);
  });

  describe.skipIf(!existsSync(SHARED_POLICIES))('with ../shared beside the repository', () => {
    it.each([
      'audit-policy-k8s-docs.yaml',
      'audit-policy-minimal-metadata.yaml',
      'audit-policy-falco-k8saudit.yaml',
    ])('accepts %s', (name) => {
      expect(validateAuditPolicy(load(join(SHARED_POLICIES, name)))).toEqual([]);
    });
  });

  it('accepts a minimal policy', () => {
    expect(validateAuditPolicy(minimal())).toEqual([]);
  });

  it.each([
    ['a wrong apiVersion', { ...minimal(), apiVersion: 'audit.k8s.io/v1beta2' }, '/apiVersion'],
    ['a wrong kind', { ...minimal(), kind: 'AuditPolicy' }, '/kind'],
    ['no rules', { apiVersion: 'audit.k8s.io/v1', kind: 'Policy' }, '/'],
    ['an unknown level', { ...minimal(), rules: [{ level: 'Everything' }] }, '/rules/0/level'],
    ['an unknown stage', { ...minimal(), omitStages: ['RequestStarted'] }, '/omitStages/0'],
    ['an unknown rule field', { ...minimal(), rules: [{ level: 'None', resource: [] }] }, '/rules/0'],
    [
      'resources and non-resource URLs in one rule',
      { ...minimal(), rules: [{ level: 'None', resources: [{ group: '' }], nonResourceURLs: ['/healthz'] }] },
      '/rules/0',
    ],
    [
      'a URL without a leading slash',
      { ...minimal(), rules: [{ level: 'None', nonResourceURLs: ['healthz'] }] },
      '/rules/0/nonResourceURLs/0',
    ],
    [
      'a wildcard inside a URL',
      { ...minimal(), rules: [{ level: 'None', nonResourceURLs: ['/a*b'] }] },
      '/rules/0/nonResourceURLs/0',
    ],
    [
      'a versioned group',
      { ...minimal(), rules: [{ level: 'None', resources: [{ group: 'apps/v1' }] }] },
      '/rules/0/resources/0/group',
    ],
    [
      'resource names with a wildcard resource',
      {
        ...minimal(),
        rules: [{ level: 'None', resources: [{ group: '', resources: ['*'], resourceNames: ['x'] }] }],
      },
      '/rules/0/resources/0/resources/0',
    ],
    [
      'an upper-case namespace',
      { ...minimal(), rules: [{ level: 'None', namespaces: ['Kube'] }] },
      '/rules/0/namespaces/0',
    ],
  ])('rejects %s', (_, policy, path) => {
    const problems = validateAuditPolicy(policy);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.every((p) => p.code === 'KSTORM_INSTRUMENT_INVALID' && p.severity === 'error')).toBe(
      true,
    );
  });
});

describe('validateWebhookKubeconfig', () => {
  const config = () => ({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'k', cluster: { server: 'https://k/ingest/k8s-audit' } }],
    users: [{ name: 'u', user: { token: 't' } }],
    contexts: [{ name: 'c', context: { cluster: 'k', user: 'u' } }],
    'current-context': 'c',
  });

  it('accepts a complete kubeconfig', () => {
    expect(validateWebhookKubeconfig(config())).toEqual([]);
  });

  it.each([
    ['a wrong kind', { ...config(), kind: 'Pod' }, '/kind'],
    ['no users', { ...config(), users: [] }, '/users'],
    [
      'a context naming an unknown cluster',
      { ...config(), contexts: [{ name: 'c', context: { cluster: 'x', user: 'u' } }] },
      '/current-context',
    ],
    [
      'a cluster without server',
      { ...config(), clusters: [{ name: 'k', cluster: {} }] },
      '/clusters/0/cluster/server',
    ],
  ])('rejects %s', (_, value, path) => {
    expect(validateWebhookKubeconfig(value).map((p) => p.path)).toContain(path);
  });
});
