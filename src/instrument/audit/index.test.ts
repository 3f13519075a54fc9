import { describe, expect, it } from 'vitest';
import { auditSensor, falcoSensor, gate, leaf, threatModel } from '../model.test-support.js';
import {
  AUDIT_POLICY_PATH,
  AUDIT_WEBHOOK_PATH,
  generateAudit,
  validateAuditPolicy,
  webhookKubeconfig,
} from './index.js';

const pvWitness = auditSensor({
  resources: [{ group: '', resources: ['persistentvolumes'] }],
  verbs: ['create'],
  level: 'RequestResponse',
});

describe('generateAudit', () => {
  it('writes nothing for a model without audit witnesses', () => {
    const model = threatModel([leaf('shell', [falcoSensor('Terminal shell in container')])]);
    expect(generateAudit(model, {})).toEqual({ files: [], problems: [] });
  });

  it('writes a valid policy and webhook kubeconfig, neither of them a kubectl resource', () => {
    const model = threatModel([leaf('pv', [pvWitness])]);
    const { files, problems } = generateAudit(model, {
      kstormUrl: 'https://kstorm.example:8443',
      kstormIngestToken: 't0k3n',
    });
    expect(problems).toEqual([]);
    expect(files.map((f) => [f.path, f.kubernetes])).toEqual([
      [AUDIT_POLICY_PATH, false],
      [AUDIT_WEBHOOK_PATH, false],
    ]);
    const policy = files[0]?.documents[0];
    expect(validateAuditPolicy(policy)).toEqual([]);
    expect(policy).toMatchObject({ omitStages: ['RequestReceived'], rules: [pvRule(), { level: 'None' }] });
    expect(files[0]?.header).toContain('--audit-policy-file');
    expect(files[1]?.header).toContain('--audit-webhook-config-file');
    expect(files[1]?.header).toContain('--audit-webhook-batch-max-wait');
  });

  it('collects audit witnesses from nested gates', () => {
    const model = threatModel([gate('inner', [leaf('pv', [pvWitness])])]);
    expect(generateAudit(model, {}).files[0]?.documents[0]).toMatchObject({
      rules: [pvRule(), { level: 'None' }],
    });
  });

  it('warns, naming the witness, when a witness asks for secret bodies', () => {
    const model = threatModel([
      leaf('read-secret', [
        auditSensor({ resources: [{ group: '', resources: ['secrets'] }], level: 'RequestResponse' }),
      ]),
    ]);
    const { problems } = generateAudit(model, { kstormUrl: 'https://k', kstormIngestToken: 't' });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'KSTORM_MODEL_SENSOR',
        severity: 'warning',
        witness: 'read-secret/0',
        leaf: 'read-secret',
      }),
    ]);
  });

  it('is deterministic', () => {
    const model = threatModel([
      leaf('pv', [pvWitness]),
      leaf('exec', [auditSensor({ resources: [{ group: '', resources: ['pods/exec'] }] })]),
    ]);
    expect(generateAudit(model, {})).toEqual(generateAudit(model, {}));
  });
});

function pvRule() {
  return {
    level: 'RequestResponse',
    verbs: ['create'],
    resources: [{ group: '', resources: ['persistentvolumes'] }],
  };
}

describe('webhookKubeconfig', () => {
  const model = threatModel([leaf('pv', [pvWitness])]);

  it('points the cluster at the audit ingest path and carries the token', () => {
    const { document, problems } = webhookKubeconfig(model, {
      kstormUrl: 'https://kstorm.example:8443/',
      kstormIngestToken: 'abc',
    });
    expect(problems).toEqual([]);
    expect(document).toMatchObject({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'kstorm', cluster: { server: 'https://kstorm.example:8443/ingest/k8s-audit' } }],
      users: [{ name: 'kstorm', user: { token: 'abc' } }],
      'current-context': 'kstorm',
    });
  });

  it('keeps a base path', () => {
    const { document } = webhookKubeconfig(model, {
      kstormUrl: 'https://example.org/kstorm',
      kstormIngestToken: 'abc',
    });
    expect(document['clusters']).toEqual([
      { name: 'kstorm', cluster: { server: 'https://example.org/kstorm/ingest/k8s-audit' } },
    ]);
  });

  it('uses model parameter defaults when nothing is set', () => {
    const withDefaults = threatModel([leaf('pv', [pvWitness])], {
      parameters: [
        { name: 'kstormUrl', default: 'https://from-default' },
        { name: 'kstormIngestToken', default: ['only-one'] },
      ],
    });
    const { document, problems } = webhookKubeconfig(withDefaults, {});
    expect(problems).toEqual([]);
    expect(JSON.stringify(document)).toContain('https://from-default/ingest/k8s-audit');
    expect(JSON.stringify(document)).toContain('only-one');
  });

  it('writes placeholders and tells the user the --set flags when parameters are missing', () => {
    const { document, problems } = webhookKubeconfig(model, {});
    expect(JSON.stringify(document)).toContain(`\${kstormUrl}/ingest/k8s-audit`);
    expect(JSON.stringify(document)).toContain(`\${KSTORM_INGEST_TOKEN}`);
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.code === 'KSTORM_INSTRUMENT_PARAMETER' && p.severity === 'warning')).toBe(
      true,
    );
    expect(problems.map((p) => p.message).join(' ')).toMatch(/--set kstormUrl=.*--set kstormIngestToken=/s);
  });

  it.each([
    ['not a URL', { kstormUrl: 'kstorm example', kstormIngestToken: 't' }],
    ['a non-http URL', { kstormUrl: 'ftp://kstorm', kstormIngestToken: 't' }],
    ['a URL with a query', { kstormUrl: 'https://kstorm/?a=b', kstormIngestToken: 't' }],
    ['a token with a space', { kstormUrl: 'https://kstorm', kstormIngestToken: 'a b' }],
    ['two tokens', { kstormUrl: 'https://kstorm', kstormIngestToken: ['a', 'b'] }],
  ])('reports %s as an error', (_, values) => {
    const { problems } = webhookKubeconfig(model, values);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'KSTORM_INSTRUMENT_PARAMETER', severity: 'error' }),
    ]);
  });

  it('warns about plain http', () => {
    const { problems } = webhookKubeconfig(model, {
      kstormUrl: 'http://kstorm:8080',
      kstormIngestToken: 't',
    });
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('unencrypted') }),
    ]);
  });
});
