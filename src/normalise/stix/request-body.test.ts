// `request_object` on x-k8s-api-request: snake_case facts within the schema, strictly valid STIX, and
// reachable by the pattern paths witnesses are written with (checked with the real pattern engine).
import { describe, expect, it } from 'vitest';
import { matchPattern } from '../../pattern/index.js';
import { fixtureRecords } from '../../sources/k8s-audit/fixtures.test-support.js';
import { createValidator, type StixObject } from '../../stix/index.js';
import { Ingestor } from '../ingest.js';
import { requestObjectOf } from './request-body.js';

const validator = createValidator({ strict: true });

/** The STIX objects of each record of a k8s-audit fixture, strictly validated. */
function observations(name: string): StixObject[][] {
  const ingestor = new Ingestor({ cluster: 'honeycluster' });
  return fixtureRecords(name).flatMap(({ text }) =>
    ingestor.record(text, name).map((item) => {
      if (!item.ok) throw new Error(`${name}: ${item.deadLetter.message}`);
      expect(validator.validateAll(item.observation.objects)).toEqual([]);
      return [...item.observation.objects];
    }),
  );
}

function requestObject(objects: readonly StixObject[]): unknown {
  const request = objects.find((object) => object.type === 'x-k8s-api-request') as
    | Record<string, unknown>
    | undefined;
  return request?.['request_object'];
}

const bodies = observations('CONSTRUCTED_request-bodies.jsonl');

describe('request_object', () => {
  it('writes the facts under snake_case names, the binding role as `role`', () => {
    expect(requestObject(bodies[0] ?? [])).toMatchObject({
      kind: 'Pod',
      host_pid: true,
      host_network: true,
      host_ipc: false,
      host_path_volumes: ['/', '/var/log/pods'],
      service_account_name: 'node-debugger',
      automount_service_account_token: true,
      node_name: 'worker-3',
      containers: [
        {
          name: 'shell',
          privileged: true,
          allow_privilege_escalation: true,
          run_as_user: 0,
          capabilities_add: ['SYS_ADMIN', 'SYS_PTRACE'],
        },
        { name: 'sidecar', allow_privilege_escalation: false, run_as_user: 1000 },
        { name: 'prepare', run_as_user: 0 },
      ],
    });
    expect(requestObject(bodies[2] ?? [])).toMatchObject({
      role: { kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'ci-runner', namespace: 'ci' }, { kind: 'Group' }],
    });
    expect(requestObject(bodies[5] ?? [])).toMatchObject({
      api_groups: ['', 'apps'],
      verbs: ['get', 'list', 'create', '*'],
    });
  });

  it('is absent when the event has no body', () => {
    for (const objects of observations('CONSTRUCTED_v1-events.jsonl')) {
      expect(requestObject(objects)).toBeUndefined();
    }
    expect(requestObjectOf(undefined)).toBeUndefined();
    expect(requestObjectOf({ kind: '' })).toBeUndefined();
  });

  it('leaves out what the schema cannot hold, and stays valid', () => {
    const mapped = requestObjectOf({
      kind: 'Pod',
      containers: [{}, { runAsUser: 2 ** 40, name: 'n' }, { runAsUser: -3 }],
      roleRef: {},
      subjects: [{}],
      apiGroups: ['', 'x'.repeat(5000)],
      hostPathVolumes: Array.from({ length: 100 }, (_, index) => `/p${index}`),
    });
    expect(mapped).toMatchObject({
      kind: 'Pod',
      containers: [{ name: 'n' }],
      api_groups: ['', 'x'.repeat(4096)],
    });
    expect(mapped).not.toHaveProperty('role');
    expect(mapped).not.toHaveProperty('subjects');
    expect(mapped?.['host_path_volumes']).toHaveLength(64);
  });
});

describe('the x-k8s-api-request schema for request_object', () => {
  const request = (bodies[0] ?? []).find((object) => object.type === 'x-k8s-api-request') as
    | Record<string, unknown>
    | undefined;
  const withBody = (body: unknown) => ({ ...request, request_object: body });

  it('accepts what the mapping writes', () => {
    expect(request?.['request_object']).toBeDefined();
    expect(validator.validateObject(request)).toEqual([]);
  });

  it.each([
    ['an unknown property', { kind: 'Secret', data: { password: 'x' } }],
    ['a roleRef under its Kubernetes name', { kind: 'RoleBinding', role_ref: { name: 'cluster-admin' } }],
    ['no kind', { name: 'x' }],
    ['a string for a flag', { kind: 'Pod', host_pid: 'true' }],
    ['an unknown container property', { kind: 'Pod', containers: [{ name: 'c', env: ['A=b'] }] }],
    ['a negative uid', { kind: 'Pod', containers: [{ run_as_user: -1 }] }],
    [
      'more than 64 paths',
      { kind: 'Pod', host_path_volumes: Array.from({ length: 65 }, (_, i) => `/p${i}`) },
    ],
    ['text beyond 4096 characters', { kind: 'Pod', node_name: 'n'.repeat(4097) }],
    ['an empty list', { kind: 'Pod', containers: [] }],
  ])('rejects %s', (_, body) => {
    expect(validator.validateObject(withBody(body)).length).toBeGreaterThan(0);
  });
});

describe('witness patterns on request_object', () => {
  const all = [
    ...bodies.flat(),
    ...observations('create_clusterrolebinding.json').flat(),
    ...observations('create_nginx_pod_unprivileged.json').flat(),
  ];

  it.each([
    ['[x-k8s-api-request:request_object.containers[*].privileged = true]', 2],
    ["[x-k8s-api-request:request_object.host_path_volumes[*] LIKE '/var/log%']", 2],
    ["[x-k8s-api-request:request_object.role.name = 'cluster-admin']", 1],
    ['[x-k8s-api-request:request_object.host_pid = true]', 2],
    ["[x-k8s-api-request:request_object.containers[*].capabilities_add[*] = 'SYS_ADMIN']", 1],
    ['[x-k8s-api-request:request_object.containers[*].run_as_user = 0]', 1],
    [
      "[x-k8s-api-request:request_object.verbs[*] = '*' AND x-k8s-api-request:request_object.kind = 'ClusterRole']",
      1,
    ],
    ["[x-k8s-api-request:request_object.containers[*].command LIKE '%curl%| sh%']", 1],
    ["[x-k8s-api-request:request_object.webhook_names[*] = 'inject.example.com']", 1],
    [
      "[x-k8s-api-request:verb = 'patch' AND x-k8s-api-request:request_object.kind = 'Deployment' AND x-k8s-api-request:request_object.containers[*].privileged = true]",
      1,
    ],
  ])('%s matches %i observation(s)', (pattern, count) => {
    const matching = bodies.filter((objects) => matchPattern(pattern, objects).matched);
    expect(matching).toHaveLength(count);
    expect(matchPattern(pattern, all).matched).toBe(true);
  });

  it('does not match an unprivileged pod or a binding to another role', () => {
    const unprivileged = observations('create_nginx_pod_unprivileged.json').flat();
    expect(
      matchPattern('[x-k8s-api-request:request_object.containers[*].privileged = true]', unprivileged)
        .matched,
    ).toBe(false);
    expect(
      matchPattern("[x-k8s-api-request:request_object.containers[*].image = 'nginx']", unprivileged).matched,
    ).toBe(true);
    const binding = observations('create_clusterrolebinding.json').flat();
    expect(
      matchPattern("[x-k8s-api-request:request_object.role.name = 'cluster-admin']", binding).matched,
    ).toBe(false);
    expect(
      matchPattern("[x-k8s-api-request:request_object.subjects[*].name = 'minikube']", binding).matched,
    ).toBe(true);
  });
});
