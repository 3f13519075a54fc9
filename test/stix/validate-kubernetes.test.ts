/**
 * kstorm's Kubernetes vocabulary (src/stix/kubernetes.ts, schemas in src/stix/schemas/kstorm) against the
 * validator: the extension-definitions themselves are valid, a realistic observation of a pod (container,
 * process with the Kubernetes context, network traffic, an audited API request) built with kstorm's
 * identifiers is valid in strict mode, and each way of getting it wrong is reported precisely.
 * The objects are hand-built here (no fixture files); names and ids are made up.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createValidator,
  KSTORM_EXTENSIONS,
  KSTORM_IDENTITY,
  PROCESS_K8S_CONTEXT,
  processIdentifier,
  STIX_SCO_NAMESPACE,
  type StixValidator,
  scoIdentifier,
  type ValidationIssue,
  X_K8S_API_REQUEST,
  X_K8S_CONTAINER,
  X_K8S_OBJECT,
  X_K8S_POD,
} from '../../src/stix/index.js';
import { FILE, IPV4, IPV4_DST, type Json, NETWORK_TRAFFIC, withCode, withScoId } from './builders.js';

let strict: StixValidator;

beforeAll(() => {
  strict = createValidator({ strict: true });
});

const CLUSTER = 'honeycluster-1';
const OBSERVED = '2026-01-31T11:00:00.123456789Z';

/** `extensions` naming a kstorm extension-definition with the given extension_type. */
function uses(extension: { definition: { id: string } }, kind: string): Json {
  return { [extension.definition.id]: { extension_type: kind } };
}

const POD = withScoId(
  {
    type: 'x-k8s-pod',
    spec_version: '2.1',
    cluster: CLUSTER,
    namespace: 'default',
    name: 'ssh-bait-6f7c9d',
    uid: '7d3c1c2e-0a4f-4a8e-9b1f-3c2d1e0f9a8b',
    node_name: 'node-a',
    service_account: 'default',
    labels: { app: 'ssh-bait' },
    workload_kind: 'Deployment',
    workload_name: 'ssh-bait',
    extensions: uses(X_K8S_POD, 'new-sco'),
  },
  X_K8S_POD.idContributing,
);

const CONTAINER = withScoId(
  {
    type: 'x-k8s-container',
    spec_version: '2.1',
    short_id: '88a138a1e320',
    container_id: '88a138a1e320c55cfcc8dd5d8c528523c2f48faf8cf1b87d7723bab968e08664',
    runtime: 'containerd',
    name: 'sshd',
    image: 'docker.io/linuxserver/openssh-server:9.7',
    pod_ref: POD.id,
    privileged: false,
    extensions: uses(X_K8S_CONTAINER, 'new-sco'),
  },
  X_K8S_CONTAINER.idContributing,
);

const PARENT_EXEC_ID = 'bm9kZS1hOjEyMzQ1Njc4OTo0MjAw';
const EXEC_ID = 'bm9kZS1hOjEyMzQ1Njc5OTo0MjQy';

const PARENT: Json = {
  type: 'process',
  spec_version: '2.1',
  id: processIdentifier(PARENT_EXEC_ID, CLUSTER),
  pid: 4200,
  command_line: 'sshd: root@pts/0',
  exec_id: PARENT_EXEC_ID,
  k8s_pod_ref: POD.id,
  k8s_container_ref: CONTAINER.id,
  k8s_node_name: 'node-a',
  k8s_cluster: CLUSTER,
  extensions: uses(PROCESS_K8S_CONTEXT, 'toplevel-property-extension'),
};

const PROCESS: Json = {
  type: 'process',
  spec_version: '2.1',
  id: processIdentifier(EXEC_ID, CLUSTER),
  pid: 4242,
  cwd: '/root',
  command_line: '/usr/bin/nsenter -t 1 -a /bin/bash',
  created_time: OBSERVED,
  image_ref: FILE['id'],
  parent_ref: PARENT['id'],
  opened_connection_refs: [NETWORK_TRAFFIC['id']],
  exec_id: EXEC_ID,
  parent_exec_id: PARENT_EXEC_ID,
  k8s_pod_ref: POD.id,
  k8s_container_ref: CONTAINER.id,
  k8s_node_name: 'node-a',
  k8s_cluster: CLUSTER,
  extensions: uses(PROCESS_K8S_CONTEXT, 'toplevel-property-extension'),
};

const USER = withScoId({
  type: 'user-account',
  spec_version: '2.1',
  user_id: 'system:serviceaccount:default:default',
  account_login: 'system:serviceaccount:default:default',
  account_type: 'kubernetes',
  is_service_account: true,
});

const SECRET = withScoId(
  {
    type: 'x-k8s-object',
    spec_version: '2.1',
    cluster: CLUSTER,
    api_group: '',
    api_version: 'v1',
    resource: 'secrets',
    namespace: 'kube-system',
    name: 'bootstrap-token-abcdef',
    extensions: uses(X_K8S_OBJECT, 'new-sco'),
  },
  X_K8S_OBJECT.idContributing,
);

const API_REQUEST = withScoId(
  {
    type: 'x-k8s-api-request',
    spec_version: '2.1',
    cluster: CLUSTER,
    audit_id: '5f1c2f7e-8a3b-4b9c-9d0e-1f2a3b4c5d6e',
    stage: 'ResponseComplete',
    level: 'Metadata',
    verb: 'get',
    request_uri: '/api/v1/namespaces/kube-system/secrets/bootstrap-token-abcdef',
    user_ref: USER.id,
    src_refs: [IPV4['id']],
    user_agent: 'kubectl/v1.31.0 (linux/amd64)',
    object_ref: SECRET.id,
    response_code: 403,
    decision: 'forbid',
    reason: '',
    request_received: '2026-01-31T11:00:01.000001Z',
    stage_timestamp: '2026-01-31T11:00:01.000912Z',
    annotations: { mutation_webhook_patched: 'false' },
    extensions: uses(X_K8S_API_REQUEST, 'new-sco'),
  },
  X_K8S_API_REQUEST.idContributing,
);

const OBSERVATION: Json[] = [
  POD,
  CONTAINER,
  FILE,
  PARENT,
  PROCESS,
  IPV4,
  IPV4_DST,
  NETWORK_TRAFFIC,
  USER,
  SECRET,
  API_REQUEST,
];

const OBSERVED_DATA: Json = {
  type: 'observed-data',
  spec_version: '2.1',
  id: 'observed-data--1d3f0c2b-6a9e-4b7d-8c5f-0e2a4b6c8d9f',
  created_by_ref: KSTORM_IDENTITY.id,
  created: '2026-01-31T11:00:02.000Z',
  modified: '2026-01-31T11:00:02.000Z',
  first_observed: OBSERVED,
  last_observed: '2026-01-31T11:00:01.000912Z',
  number_observed: 1,
  object_refs: OBSERVATION.map((o) => o['id']),
};

/** The one issue with `code`; fails when there is none or several. */
function only(issues: readonly ValidationIssue[], code: string): ValidationIssue {
  const found = withCode(issues, code);
  expect(found, `issues with ${code} among ${JSON.stringify(issues, null, 1)}`).toHaveLength(1);
  return found[0] as ValidationIssue;
}

describe("kstorm's extension-definitions", () => {
  it.each(KSTORM_EXTENSIONS.map((e) => [e.definition.name, e] as const))(
    '%s is itself valid (strict)',
    (_n, e) => {
      expect(strict.validateObject(e.definition)).toEqual([]);
    },
  );

  it('are valid together with their identity, and declare what the validator expects', () => {
    expect(strict.validateAll([KSTORM_IDENTITY, ...KSTORM_EXTENSIONS.map((e) => e.definition)])).toEqual([]);
    expect(KSTORM_EXTENSIONS.map((e) => e.definition.extension_types)).toEqual([
      ['new-sco'],
      ['new-sco'],
      ['new-sco'],
      ['new-sco'],
      ['new-sco'],
      ['toplevel-property-extension'],
      ['property-extension'],
    ]);
    expect(PROCESS_K8S_CONTEXT.definition.extension_properties).toEqual([
      'exec_id',
      'parent_exec_id',
      'k8s_pod_ref',
      'k8s_container_ref',
      'k8s_node_name',
      'k8s_cluster',
    ]);
    expect(new Set(KSTORM_EXTENSIONS.map((e) => e.definition.id)).size).toBe(KSTORM_EXTENSIONS.length);
  });
});

describe('a Kubernetes observation built with kstorm ids', () => {
  it('is valid in strict mode with zero issues', () => {
    expect(strict.validateAll([...OBSERVATION, OBSERVED_DATA])).toEqual([]);
  });

  it('is valid as a bundle that also carries the definitions and identity', () => {
    const objects = [
      KSTORM_IDENTITY,
      ...KSTORM_EXTENSIONS.map((e) => e.definition),
      ...OBSERVATION,
      OBSERVED_DATA,
    ];
    const session = strict.session();
    expect([
      ...session.addObject({ type: 'bundle', id: 'bundle--0b3a8f5e-2c1d-4e6f-9a7b-8c9d0e1f2a3b', objects }),
      ...session.finish(),
    ]).toEqual([]);
    expect(session.counts).toEqual({ objects: objects.length, invalidObjects: 0, errors: 0, warnings: 0 });
  });

  it('gives the same process the same id from the same exec id', () => {
    expect(PROCESS['id']).toBe(processIdentifier(EXEC_ID, CLUSTER));
    expect(processIdentifier(EXEC_ID, 'other-cluster')).not.toBe(PROCESS['id']);
  });
});

describe('mistakes in Kubernetes objects', () => {
  it('rejects a container short_id that is not 12 hex digits', () => {
    const container = withScoId({ ...CONTAINER, short_id: 'XYZ' }, X_K8S_CONTAINER.idContributing);
    const issues = strict.validateObject(container);
    expect(issues).toEqual([
      {
        code: 'KSTORM_STIX_SCHEMA',
        severity: 'error',
        objectId: container.id,
        objectType: 'x-k8s-container',
        path: '$.short_id',
        message: 'must match pattern "^[0-9a-f]{12}$" (schema keyword pattern)',
      },
    ]);
  });

  it('rejects a process whose k8s_pod_ref points at an ipv4-addr', () => {
    const process = { ...PROCESS, k8s_pod_ref: IPV4['id'] };
    // Only the precise rule: the extension schema's generic "must match pattern" at the same path is dropped.
    expect(strict.validateObject(process)).toEqual([
      {
        code: 'KSTORM_STIX_REF_TARGET',
        severity: 'error',
        objectId: PROCESS['id'],
        objectType: 'process',
        path: '$.k8s_pod_ref',
        message: 'k8s_pod_ref of process must point at x-k8s-pod, not ipv4-addr',
      },
    ]);
  });

  it('rejects the Kubernetes context without the toplevel extension named in extensions', () => {
    const { extensions: _extensions, ...process } = PROCESS;
    const issues = strict.validateObject(process);
    const podRef = issues.find((i) => i.path === '$.k8s_pod_ref');
    expect(podRef).toMatchObject({
      code: 'KSTORM_STIX_CUSTOM_PROPERTY',
      severity: 'error',
      message:
        'k8s_pod_ref is not a process property and no toplevel-property-extension in use declares it ' +
        '(legacy custom properties should also start with x_)',
    });
    expect(withCode(issues, 'KSTORM_STIX_CUSTOM_PROPERTY').map((i) => i.path)).toEqual(
      PROCESS_K8S_CONTEXT.definition.extension_properties?.map((p) => `$.${p}`),
    );
    // Not strict: the same are warnings.
    const lenient = createValidator().validateObject(process);
    expect(lenient.every((i) => i.severity === 'warning' && i.code === 'KSTORM_STIX_CUSTOM_PROPERTY')).toBe(
      true,
    );
  });

  it('checks the toplevel properties against the extension schema', () => {
    const issues = strict.validateObject({ ...PROCESS, k8s_node_name: 42 });
    expect(issues).toEqual([
      {
        code: 'KSTORM_STIX_EXTENSION_SCHEMA',
        severity: 'error',
        objectId: PROCESS['id'],
        objectType: 'process',
        path: '$.k8s_node_name',
        message: 'must be string (schema keyword type)',
      },
    ]);
  });

  it('rejects an x-k8s-pod whose id is not its deterministic id', () => {
    const pod = { ...POD, id: 'x-k8s-pod--0d6f6c55-7f0c-4e35-8a8b-6f6bb0c3e7f1' };
    const expected = scoIdentifier({ ...POD }, X_K8S_POD.idContributing);
    expect(expected).toBe(POD.id);
    const issue = only(strict.validateObject(pod), 'KSTORM_STIX_ID_NOT_DETERMINISTIC');
    expect(issue).toMatchObject({
      severity: 'error',
      path: '$.id',
      message: `id should be ${expected}, the UUIDv5 of its ID-contributing properties (cluster, namespace, name) in namespace ${STIX_SCO_NAMESPACE}`,
    });
    expect(only(createValidator().validateObject(pod), 'KSTORM_STIX_ID_NOT_DETERMINISTIC').severity).toBe(
      'warning',
    );
  });

  it('rejects an x-k8s-pod without its new-sco extension as an unknown type', () => {
    const { extensions: _extensions, ...pod } = POD;
    const issue = only(strict.validateObject(pod), 'KSTORM_STIX_UNKNOWN_TYPE');
    expect(issue).toMatchObject({
      severity: 'error',
      path: '$.type',
      message:
        'type "x-k8s-pod" is not a STIX 2.1 type and the object names no new-sdo/new-sco/new-sro extension',
    });
  });

  it('keeps Kubernetes label and annotation keys verbatim (with . and /), values as strings', () => {
    // kstorm's labels/annotations are objects of its own schema, not STIX dictionaries, whose key charset
    // excludes the '.' and '/' every real Kubernetes key has (docs/stix.md).
    const pod = withScoId(
      { ...POD, labels: { 'app.kubernetes.io/name': 'ssh-bait' } },
      X_K8S_POD.idContributing,
    );
    expect(strict.validateObject(pod)).toEqual([]);
    const request = { ...API_REQUEST, annotations: { 'authorization.k8s.io/decision': 'forbid' } };
    expect(strict.validateObject(request)).toEqual([]);
    const badValue = withScoId({ ...POD, labels: { app: 7 } }, X_K8S_POD.idContributing);
    expect(only(strict.validateObject(badValue), 'KSTORM_STIX_SCHEMA')).toMatchObject({
      path: '$.labels.app',
      message: 'must be string (schema keyword type)',
    });
  });

  it('rejects an x-k8s-api-request whose object_ref points at a pod', () => {
    const request = withScoId({ ...API_REQUEST, object_ref: POD.id }, X_K8S_API_REQUEST.idContributing);
    const issue = only(strict.validateObject(request), 'KSTORM_STIX_REF_TARGET');
    expect(issue).toMatchObject({
      path: '$.object_ref',
      message: 'object_ref of x-k8s-api-request must point at x-k8s-object, not x-k8s-pod',
    });
  });
});
