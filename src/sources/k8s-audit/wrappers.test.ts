import { describe, expect, it } from 'vitest';
import { MAX_EMBEDDED_EVENT_LENGTH } from './aks.js';
import { fixtureObject, fixtureRecord } from './fixtures.test-support.js';
import { auditDecoder } from './index.js';

const GKE = 'CONSTRUCTED_gke-cloud-logging.jsonl';
const AKS = 'CONSTRUCTED_aks-diagnostics.jsonl';

function decodeOne(value: unknown) {
  const results = auditDecoder.decode(value);
  expect(results).toHaveLength(1);
  const [result] = results;
  if (result === undefined) throw new Error('no result');
  return result;
}

function eventOf(value: unknown) {
  const result = decodeOne(value);
  if (!result.ok) throw new Error(`rejected: ${result.rejection.message}`);
  expect(result.raw).toBeUndefined();
  return result.event;
}

function rejectionOf(value: unknown) {
  const result = decodeOne(value);
  if (result.ok) throw new Error('expected a rejection');
  return result.rejection;
}

describe('GKE Cloud Logging entries', () => {
  it('maps a pod exec entry back to the audit event fields', () => {
    expect(eventOf(fixtureRecord(GKE, 0).value)).toEqual({
      apiVersion: undefined,
      level: undefined,
      auditID: 'e3b1c2d4-5f60-4718-9a2b-3c4d5e6f7081',
      stage: undefined,
      requestURI: '/api/v1/namespaces/shop/pods/cart-5d8f7b9c4-x2klm/exec',
      verb: 'create',
      user: { username: 'bob@example.com', uid: undefined, groups: undefined, extra: undefined },
      impersonatedUser: undefined,
      sourceIPs: ['198.51.100.23'],
      userAgent: 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350',
      objectRef: {
        resource: 'pods',
        namespace: 'shop',
        name: 'cart-5d8f7b9c4-x2klm',
        uid: undefined,
        apiGroup: undefined,
        apiVersion: 'v1',
        resourceVersion: undefined,
        subresource: 'exec',
      },
      responseStatus: { code: 200, status: undefined, reason: undefined, message: undefined },
      requestReceivedTimestamp: undefined,
      stageTimestamp: '2025-11-02T09:14:07.151978Z',
      timestamp: undefined,
      annotations: {
        'authorization.k8s.io/decision': 'allow',
        'authorization.k8s.io/reason':
          'RBAC: allowed by ClusterRoleBinding "oncall-admin" of ClusterRole "cluster-admin" to Group "oncall@example.com"',
      },
      envelope: 'gke-cloud-logging',
      cluster: 'honeycluster-eu',
      inferredDecision: 'allow',
    });
  });

  it('maps a denied request: rpc PERMISSION_DENIED is 403, an omitted granted is not granted', () => {
    const event = eventOf(fixtureRecord(GKE, 1).value);
    expect(event.responseStatus).toMatchObject({ code: 403, message: 'Forbidden' });
    expect(event.inferredDecision).toBe('forbid');
    expect(event.annotations).toBeUndefined();
    expect(event.verb).toBe('list');
    expect(event.objectRef).toMatchObject({ resource: 'secrets', namespace: 'kube-system', name: undefined });
  });

  it('maps a cluster-scoped resource in a named API group', () => {
    const event = eventOf(fixtureRecord(GKE, 2).value);
    expect(event.auditID).toBe('5c6d7e8f-9012-4a3b-8c4d-5e6f7a8b9c0d'); // no operation: insertId
    expect(event.requestURI).toBe('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/carol-admin');
    expect(event.objectRef).toMatchObject({
      resource: 'clusterrolebindings',
      apiGroup: 'rbac.authorization.k8s.io',
      apiVersion: 'v1',
      name: 'carol-admin',
      namespace: undefined,
      subresource: undefined,
    });
  });

  it('maps a non-resource request to a path and no object', () => {
    const entry = fixtureObject(GKE, 0);
    entry['protoPayload'] = { serviceName: 'k8s.io', methodName: 'io.k8s.get', resourceName: 'healthz' };
    const event = eventOf(entry);
    expect(event).toMatchObject({ verb: 'get', requestURI: '/healthz', objectRef: undefined });
    expect(event.responseStatus).toBeUndefined();
  });

  it('reads a namespace itself as a cluster-scoped object', () => {
    const entry = fixtureObject(GKE, 0);
    entry['protoPayload'] = {
      serviceName: 'k8s.io',
      methodName: 'io.k8s.core.v1.namespaces.delete',
      resourceName: 'core/v1/namespaces/shop',
    };
    expect(eventOf(entry).objectRef).toMatchObject({
      resource: 'namespaces',
      name: 'shop',
      namespace: undefined,
    });
  });

  it.each([
    ['no methodName', { protoPayload: { serviceName: 'k8s.io' } }, '$.protoPayload.methodName'],
    [
      'a methodName ending in a dot',
      { protoPayload: { serviceName: 'k8s.io', methodName: 'io.k8s.' } },
      '$.protoPayload.methodName',
    ],
    [
      'a non-object authorization check',
      { authorizationInfo: [true] },
      '$.protoPayload.authorizationInfo[0]',
    ],
    [
      'a string granted',
      { authorizationInfo: [{ granted: 'yes' }] },
      '$.protoPayload.authorizationInfo[0].granted',
    ],
    ['a non-integer status code', { status: { code: 'OK' } }, '$.protoPayload.status.code'],
  ])('rejects %s', (_, change, path) => {
    const entry = fixtureObject(GKE, 0);
    const payload =
      'protoPayload' in change ? change.protoPayload : { ...(entry['protoPayload'] as object), ...change };
    expect(rejectionOf({ ...entry, protoPayload: payload })).toMatchObject({
      code: 'KSTORM_EVENT_SHAPE',
      path,
    });
  });

  it('rejects an entry with no audit ID', () => {
    const entry = fixtureObject(GKE, 0);
    delete entry['insertId'];
    delete entry['operation'];
    expect(rejectionOf(entry)).toMatchObject({ code: 'KSTORM_EVENT_SHAPE', path: '$.insertId' });
  });

  it('leaves an unknown rpc code without an HTTP status', () => {
    const entry = fixtureObject(GKE, 0);
    entry['protoPayload'] = { ...(entry['protoPayload'] as object), status: { code: 99 } };
    expect(eventOf(entry).responseStatus?.code).toBeUndefined();
  });
});

describe('AKS diagnostic records', () => {
  it('reads the event object in properties.log', () => {
    const event = eventOf(fixtureRecord(AKS, 0).value);
    expect(event).toMatchObject({
      envelope: 'aks-diagnostics',
      auditID: 'a9b8c7d6-e5f4-4321-8a9b-c8d7e6f5a4b3',
      verb: 'patch',
      objectRef: { resource: 'configmaps', resourceVersion: '884213' },
      cluster: undefined,
    });
  });

  it('reads the event from JSON text in properties.log', () => {
    const event = eventOf(fixtureRecord(AKS, 1).value);
    expect(event).toMatchObject({
      envelope: 'aks-diagnostics',
      auditID: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
      verb: 'get',
      user: { username: 'system:anonymous' },
      objectRef: { resource: 'nodes', subresource: 'proxy' },
      responseStatus: { code: 403, reason: 'Forbidden' },
    });
  });

  it.each([
    ['text that is not JSON', '{"kind":"Event", "auditID": SECRET-TEXT'],
    ['JSON that is not an object', '["an", "array"]'],
    ['a number', 42],
  ])('rejects %s in properties.log without quoting it', (_, log) => {
    const record = fixtureObject(AKS, 1);
    record['properties'] = { log };
    const rejection = rejectionOf(record);
    expect(rejection).toMatchObject({ code: 'KSTORM_EVENT_SHAPE', path: '$.properties.log' });
    expect(rejection.message).not.toContain('SECRET');
  });

  it('rejects embedded text longer than the limit without parsing it', () => {
    const record = { category: 'kube-audit', properties: { log: ' '.repeat(MAX_EMBEDDED_EVENT_LENGTH + 1) } };
    expect(rejectionOf(record)).toMatchObject({ code: 'KSTORM_EVENT_SHAPE', path: '$.properties.log' });
  });

  it('names the path inside properties.log when the event is mistyped', () => {
    const record = fixtureObject(AKS, 0);
    const properties = record['properties'] as Record<string, unknown>;
    record['properties'] = { ...properties, log: { ...(properties['log'] as object), verb: ['get'] } };
    expect(rejectionOf(record)).toMatchObject({ path: '$.properties.log.verb' });
  });
});

describe('wrappers of other kinds', () => {
  it.each([
    [
      'a Cloud Logging entry of another service',
      { protoPayload: { serviceName: 'compute.googleapis.com' } },
      '$.protoPayload.serviceName',
    ],
    [
      'a Cloud Logging entry of another payload type',
      { protoPayload: { serviceName: 'k8s.io', '@type': 'x' } },
      '$.protoPayload["@type"]',
    ],
    [
      'an AKS record of another category',
      { category: 'kube-apiserver', properties: { log: 'I1102 started' } },
      '$.category',
    ],
  ])('rejects %s as an unknown kind', (_, value, path) => {
    expect(rejectionOf(value)).toMatchObject({ code: 'KSTORM_EVENT_UNKNOWN_KIND', path });
  });

  it('rejects an AKS audit record whose log is null as a shape error there', () => {
    expect(rejectionOf({ category: 'kube-audit', properties: { log: null } })).toMatchObject({
      code: 'KSTORM_EVENT_SHAPE',
      path: '$.properties.log',
    });
  });
});
