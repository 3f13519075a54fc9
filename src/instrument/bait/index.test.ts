import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bait, BaitKind } from '../../threatmodel/index.js';
import { bait, leaf, threatModel } from '../model.test-support.js';
import { BAIT_LABEL, GENERATED_BY_LABEL, MODEL_LABEL } from '../types.js';
import {
  BAIT_NAMESPACE_PATH,
  CANARY_DOMAIN,
  CLUSTER_SCOPED_KINDS,
  CREDENTIAL_FORMATS,
  DECOY_ANNOTATION,
  DEFAULT_SSH_IMAGE,
  generateBait,
  validateBaitManifests,
} from './index.js';

type Doc = Readonly<Record<string, unknown>>;

/** The value at `path` inside a manifest (undefined when any step is missing). */
function at(value: unknown, ...path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

const modelWith = (entries: readonly Bait[], baitNamespace = 'kstorm-bait') =>
  threatModel([leaf('ssh-login', [])], { name: 'honey', bait: entries, baitNamespace });

function docs(entries: readonly Bait[], baitNamespace?: string): Doc[] {
  return generateBait(modelWith(entries, baitNamespace), {}).files.flatMap((f) => f.documents) as Doc[];
}

const byKind = (all: readonly Doc[], kind: string) => all.filter((d) => at(d, 'kind') === kind);

const podExec = [{ resources: ['pods', 'pods/exec'], verbs: ['create', 'get'] }];

describe('generateBait', () => {
  it('writes nothing for a model without bait', () => {
    expect(generateBait(modelWith([]), {})).toEqual({ files: [], problems: [] });
  });

  it('writes the labelled namespace and one file per bait, all kubectl resources', () => {
    const { files, problems } = generateBait(
      modelWith([bait('ssh', 'weak-ssh'), bait('creds', 'decoy-credentials')]),
      {},
    );
    expect(problems).toEqual([]);
    expect(files.map((f) => [f.path, f.kubernetes])).toEqual([
      [BAIT_NAMESPACE_PATH, true],
      ['bait/ssh.yaml', true],
      ['bait/creds.yaml', true],
    ]);
    expect(files[0]?.documents[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'kstorm-bait', labels: { [BAIT_LABEL]: 'true', [GENERATED_BY_LABEL]: 'kstorm' } },
    });
  });

  it('weak-ssh: one replica, login from a Secret, a mounted over-privileged service account, a ClusterIP service', () => {
    const all = docs([bait('ssh', 'weak-ssh', { rules: podExec })]);
    const [deployment] = byKind(all, 'Deployment');
    expect(at(deployment, 'spec', 'replicas')).toBe(1);
    const pod = at(deployment, 'spec', 'template', 'spec');
    expect(pod).toMatchObject({ serviceAccountName: 'ssh', automountServiceAccountToken: true });
    expect(at(pod, 'containers', 0, 'image')).toBe(DEFAULT_SSH_IMAGE);
    expect(byKind(all, 'Secret')[0]).toMatchObject({
      type: 'kubernetes.io/basic-auth',
      stringData: { username: 'root', password: 'root' },
    });
    expect(byKind(all, 'ServiceAccount')[0]).toMatchObject({
      metadata: { name: 'ssh' },
      automountServiceAccountToken: true,
    });
    expect(at(byKind(all, 'Role')[0], 'rules')).toEqual([
      { apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['create', 'get'] },
    ]);
    expect(byKind(all, 'RoleBinding')[0]).toMatchObject({
      subjects: [{ kind: 'ServiceAccount', name: 'ssh', namespace: 'kstorm-bait' }],
      roleRef: { kind: 'Role', name: 'ssh' },
    });
    expect(at(byKind(all, 'Service')[0], 'spec')).toMatchObject({
      type: 'ClusterIP',
      ports: [{ port: 22, targetPort: 'ssh' }],
    });
    // The password reaches the container only through the Secret, never through the script.
    expect(JSON.stringify(pod)).not.toContain('"root"');
  });

  it('weak-ssh: settings for user, password, image, port, NodePort and a cluster-wide role', () => {
    const all = docs([
      bait('ssh', 'weak-ssh', {
        user: 'admin',
        password: 'hunter2',
        image: 'ghcr.io/example/sshd:1',
        port: 2222,
        nodePort: 30022,
        serviceAccount: 'deployer',
        rules: podExec,
        clusterWide: true,
      }),
    ]);
    const container = at(byKind(all, 'Deployment')[0], 'spec', 'template', 'spec', 'containers', 0);
    expect(at(container, 'image')).toBe('ghcr.io/example/sshd:1');
    expect(at(container, 'command')).toBeUndefined();
    expect(at(byKind(all, 'Secret')[0], 'stringData')).toEqual({ username: 'admin', password: 'hunter2' });
    expect(at(byKind(all, 'Service')[0], 'spec')).toMatchObject({
      type: 'NodePort',
      ports: [{ port: 2222, nodePort: 30022 }],
    });
    expect(byKind(all, 'Role')).toEqual([]);
    expect(at(byKind(all, 'ClusterRole')[0], 'metadata')).toEqual({
      name: 'kstorm-bait-deployer',
      labels: expect.objectContaining({ [BAIT_LABEL]: 'true' }),
    });
    expect(byKind(all, 'ClusterRoleBinding')[0]).toMatchObject({
      subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'kstorm-bait' }],
      roleRef: { kind: 'ClusterRole', name: 'kstorm-bait-deployer' },
    });
  });

  it('decoy-credentials: a file per path from an annotated Secret, fake and stable', () => {
    const files = CREDENTIAL_FORMATS.map((format, index) => ({ path: `/decoy/${index}/${format}`, format }));
    const all = docs([bait('creds', 'decoy-credentials', { files })]);
    const [secret] = byKind(all, 'Secret');
    const [deployment] = byKind(all, 'Deployment');
    expect(at(secret, 'metadata', 'annotations')).toEqual({ [DECOY_ANNOTATION]: 'true' });
    expect(at(deployment, 'metadata', 'annotations')).toEqual({ [DECOY_ANNOTATION]: 'true' });
    expect(at(deployment, 'spec', 'template', 'metadata', 'annotations')).toEqual({
      [DECOY_ANNOTATION]: 'true',
    });
    const mounts = at(deployment, 'spec', 'template', 'spec', 'containers', 0, 'volumeMounts') as Doc[];
    expect(mounts.map((m) => at(m, 'mountPath'))).toEqual(files.map((f) => f.path));
    const contents = Object.values(at(secret, 'stringData') as Record<string, string>);
    expect(contents).toHaveLength(files.length);
    for (const content of contents) expect(content).toMatch(/kstorm-decoy|KSTORMDECOY/);
    expect(contents.join('\n')).not.toMatch(/\.(com|net|org|io)\b/);
    expect(contents.find((c) => c.includes('https://'))).toContain(`.${CANARY_DOMAIN}`);
    // Recompiling writes the same canaries; another bait id writes others.
    expect(docs([bait('creds', 'decoy-credentials', { files })])).toEqual(all);
    const other = byKind(docs([bait('creds2', 'decoy-credentials', { files })]), 'Secret')[0];
    expect(Object.values(at(other, 'stringData') as object)).not.toEqual(contents);
  });

  it('decoy-credentials: the canaries look like their formats', () => {
    const files = CREDENTIAL_FORMATS.map((format, index) => ({ path: `/f${index}`, format }));
    const data = at(byKind(docs([bait('c', 'decoy-credentials', { files })]), 'Secret')[0], 'stringData');
    expect(at(data, 'file-0')).toMatch(
      /^\[default\]\naws_access_key_id = AKIA[A-Z0-9]{16}\naws_secret_access_key = \S{40}\n/,
    );
    expect(at(data, 'file-1')).toMatch(/^apiVersion: v1\nkind: Config\n/);
    expect(at(data, 'file-2')).toMatch(
      /^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END OPENSSH PRIVATE KEY-----\n$/,
    );
    expect(at(data, 'file-3')).toMatch(/^DATABASE_URL=postgres:\/\//);
    expect(JSON.parse(String(at(data, 'file-4')))).toHaveProperty([
      'auths',
      `registry.${CANARY_DOMAIN}`,
      'auth',
    ]);
  });

  it('decoy-credentials: rejects a path listed twice', () => {
    const files = [
      { path: '/root/.aws/credentials', format: 'aws-credentials' },
      { path: '/root/.aws/credentials', format: 'env-file' },
    ];
    const { problems } = generateBait(modelWith([bait('c', 'decoy-credentials', { files })]), {});
    expect(problems).toEqual([
      expect.objectContaining({ code: 'KSTORM_INSTRUMENT_INVALID', severity: 'error' }),
    ]);
  });

  it.each([
    ['pod-env', 'Deployment'],
    ['annotation', 'Deployment'],
    ['configmap', 'ConfigMap'],
  ])('leaked-token in %s: a long-lived token Secret and the leak', (leakedIn, leakKind) => {
    const all = docs([bait('leak', 'leaked-token', { leakedIn, rules: podExec })]);
    expect(byKind(all, 'Secret')[0]).toMatchObject({
      type: 'kubernetes.io/service-account-token',
      metadata: { name: 'leak-token', annotations: { 'kubernetes.io/service-account.name': 'leak' } },
    });
    expect(byKind(all, 'RoleBinding')).toHaveLength(1);
    const [leakDoc] = byKind(all, leakKind);
    const text = JSON.stringify(leakDoc);
    expect(text).toContain('leak-token');
    if (leakedIn === 'pod-env') {
      expect(at(leakDoc, 'spec', 'template', 'spec', 'containers', 0, 'env')).toEqual([
        { name: 'KUBE_TOKEN', valueFrom: { secretKeyRef: { name: 'leak-token', key: 'token' } } },
      ]);
    }
    if (leakedIn === 'annotation')
      expect(at(leakDoc, 'metadata', 'annotations', 'deploy-token-secret')).toBe('leak-token');
  });

  it('overprivileged-service-account: the account and its grants; warns when it grants nothing', () => {
    const all = docs([bait('sa', 'overprivileged-service-account', { rules: podExec })]);
    expect(all.map((d) => at(d, 'kind'))).toEqual(['Namespace', 'ServiceAccount', 'Role', 'RoleBinding']);
    const { problems } = generateBait(modelWith([bait('sa', 'overprivileged-service-account')]), {});
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', path: '/bait/sa/rules' })]);
  });

  it('reports settings of the wrong shape', () => {
    const { problems } = generateBait(
      modelWith([bait('ssh', 'weak-ssh', { password: 'a\nb', port: 0, rules: [{ verbs: ['get'] }] })]),
      {},
    );
    expect(problems.map((p) => p.path)).toEqual(['/bait/ssh/rules', '/bait/ssh/password', '/bait/ssh/port']);
  });

  it('cuts long derived names to DNS labels, keeping them distinct', () => {
    const long = `b${'x'.repeat(61)}`;
    const all = docs([bait(long, 'leaked-token'), bait(`${long.slice(0, -1)}y`, 'leaked-token')]);
    const names = byKind(all, 'Secret').map((d) => at(d, 'metadata', 'name') as string);
    expect(names.every((n) => n.length <= 63)).toBe(true);
    expect(new Set(names).size).toBe(2);
  });
});

const KINDS: readonly BaitKind[] = [
  'weak-ssh',
  'decoy-credentials',
  'leaked-token',
  'overprivileged-service-account',
];
const ID = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);

const baitArb: fc.Arbitrary<Bait> = fc
  .record({
    id: ID,
    kind: fc.constantFrom(...KINDS),
    clusterWide: fc.boolean(),
    leakedIn: fc.constantFrom('pod-env', 'annotation', 'configmap'),
    withRules: fc.boolean(),
  })
  .map(({ id, kind, clusterWide, leakedIn, withRules }) =>
    bait(id, kind, {
      clusterWide,
      ...(kind === 'leaked-token' ? { leakedIn } : {}),
      ...(withRules ? { rules: podExec } : {}),
    }),
  );

describe('containment', () => {
  it('no bait lands outside the bait namespace but labelled cluster RBAC, and every resource is labelled', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(baitArb, { selector: (b) => b.id, minLength: 1, maxLength: 5 }),
        ID,
        (entries, namespace) => {
          const all = docs(entries, namespace);
          const { problems } = generateBait(modelWith(entries, namespace), {});
          expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
          for (const doc of all) {
            const metadata = at(doc, 'metadata');
            expect(at(metadata, 'labels', BAIT_LABEL)).toBe('true');
            expect(at(metadata, 'labels', GENERATED_BY_LABEL)).toBe('kstorm');
            if (CLUSTER_SCOPED_KINDS.has(String(at(doc, 'kind')))) {
              expect(at(metadata, 'namespace')).toBeUndefined();
              if (at(doc, 'kind') === 'Namespace') expect(at(metadata, 'name')).toBe(namespace);
              else expect(at(metadata, 'labels', MODEL_LABEL)).toBe('honey');
            } else {
              expect(at(metadata, 'namespace')).toBe(namespace);
            }
          }
        },
      ),
    );
  });
});

describe('validateBaitManifests', () => {
  const base = () => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'x',
      namespace: 'kstorm-bait',
      labels: { [BAIT_LABEL]: 'true', [GENERATED_BY_LABEL]: 'kstorm' },
    },
  });

  it('accepts a labelled resource in the bait namespace', () => {
    expect(validateBaitManifests([base()], 'kstorm-bait')).toEqual([]);
  });

  it.each([
    [
      'another namespace',
      { ...base(), metadata: { ...base().metadata, namespace: 'default' } },
      '/0/metadata/namespace',
    ],
    [
      'no bait label',
      { ...base(), metadata: { ...base().metadata, labels: { [GENERATED_BY_LABEL]: 'kstorm' } } },
      '/0/metadata/labels',
    ],
    [
      'a name that is not a DNS label',
      { ...base(), metadata: { ...base().metadata, name: 'Bad_Name' } },
      '/0/metadata/name',
    ],
    ['a namespaced ClusterRole', { ...base(), kind: 'ClusterRole' }, '/0/metadata/namespace'],
    [
      'another Namespace',
      { ...base(), kind: 'Namespace', metadata: { ...base().metadata, namespace: undefined } },
      '/0/metadata/name',
    ],
    [
      'a binding granting a foreign account',
      {
        ...base(),
        kind: 'RoleBinding',
        subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' }],
      },
      '/0/subjects/0',
    ],
    [
      'an unlabelled pod template',
      { ...base(), kind: 'Deployment', spec: { template: { metadata: { labels: {} } } } },
      '/0/spec/template/metadata/labels',
    ],
  ])('rejects %s', (_, manifest, path) => {
    expect(validateBaitManifests([manifest], 'kstorm-bait').map((p) => p.path)).toContain(path);
  });

  it('rejects two resources of one kind and name', () => {
    expect(validateBaitManifests([base(), base()], 'kstorm-bait').map((p) => p.path)).toEqual([
      '/1/metadata/name',
    ]);
  });
});
