import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../sources/index.js';
import { fixtureObject, fixtureRecord } from '../../sources/k8s-audit/fixtures.test-support.js';
import { auditDecoder } from '../../sources/k8s-audit/index.js';
import { LineageTracker } from '../lineage.js';
import type { NormalisedEvent } from '../model.js';
import { serviceAccountOf } from './actor.js';
import { normaliseAudit } from './index.js';

const context = { lineage: new LineageTracker() };
const V1 = 'CONSTRUCTED_v1-events.jsonl';

function decodedEvent(value: unknown): AuditEvent {
  const [result] = auditDecoder.decode(value);
  if (!result?.ok) throw new Error('decode failed');
  return result.event;
}

function normalised(value: unknown, raw = 'raw'): NormalisedEvent {
  const result = normaliseAudit(decodedEvent(value), raw, context);
  if (!result.ok) throw new Error(`rejected: ${result.rejection.message}`);
  return result.event;
}

describe('normaliseAudit', () => {
  it('maps a v1 event to an audit-event with its request', () => {
    const { text, value } = fixtureRecord('create_secret.json');
    const event = normalised(value, text);
    expect(event).toMatchObject({ source: 'k8s-audit', kind: 'audit-event', raw: text });
    expect(event.time.toString()).toBe('2020-04-21T17:57:05.548299Z');
    expect(event.pod).toBeUndefined();
    expect(event.node).toBeUndefined();
    expect(event.request).toMatchObject({
      auditId: '55a81824-ab56-46c5-8b02-96336f5e78d7',
      verb: 'create',
      stage: 'ResponseComplete',
      level: 'Metadata',
      requestUri: '/api/v1/namespaces/default/secrets',
      user: { username: 'minikube-user', groups: ['system:masters', 'system:authenticated'] },
      sourceIps: ['192.168.64.1'],
      object: { resource: 'secrets', apiVersion: 'v1', namespace: 'default', name: 'example-secret' },
      responseCode: 201,
      decision: 'allow',
    });
    expect(event.request?.reason).toBeUndefined(); // the API server wrote ""
    expect(event.request?.requestReceived?.toString()).toBe('2020-04-21T17:57:05.541358Z');
  });

  it('takes the time from stageTimestamp, then requestReceivedTimestamp, then the v1beta1 timestamp', () => {
    const value = fixtureObject('create_nginx_pod_unprivileged.json');
    expect(normalised(value).time.toString()).toBe(value['stageTimestamp']);
    delete value['stageTimestamp'];
    expect(normalised(value).time.toString()).toBe(value['requestReceivedTimestamp']);
    value['requestReceivedTimestamp'] = 'yesterday';
    const event = normalised(value);
    expect(event.time.toString()).toBe('2018-10-25T14:09:49Z');
    expect(event.request?.requestReceived).toBeUndefined();
    expect(event.request?.stageTimestamp).toBeUndefined();
  });

  it('keeps nanoseconds and converts offsets to UTC', () => {
    const value = fixtureObject('create_secret.json');
    value['stageTimestamp'] = '2020-04-21T19:57:05.548299123+02:00';
    expect(normalised(value).time.toString()).toBe('2020-04-21T17:57:05.548299123Z');
  });

  it('rejects an event with no usable time, naming the field', () => {
    const value = fixtureObject('create_secret.json');
    value['stageTimestamp'] = '21/04/2020';
    delete value['requestReceivedTimestamp'];
    const result = normaliseAudit(decodedEvent(value), 'raw', context);
    expect(result).toMatchObject({
      ok: false,
      rejection: { code: 'KSTORM_EVENT_TIME', path: '$.stageTimestamp' },
    });
    if (!result.ok) expect(result.rejection.message).not.toContain('21/04/2020');
  });

  it('names the GKE and AKS time fields when they are unusable', () => {
    const gke = fixtureObject('CONSTRUCTED_gke-cloud-logging.jsonl');
    gke['timestamp'] = 'now';
    expect(normaliseAudit(decodedEvent(gke), 'raw', context)).toMatchObject({
      rejection: { path: '$.timestamp' },
    });
    const aks = fixtureObject('CONSTRUCTED_aks-diagnostics.jsonl');
    const properties = aks['properties'] as { log: Record<string, unknown> };
    delete properties.log['stageTimestamp'];
    delete properties.log['requestReceivedTimestamp'];
    expect(normaliseAudit(decodedEvent(aks), 'raw', context)).toMatchObject({
      rejection: { path: '$.properties.log.stageTimestamp' },
    });
  });

  it('reports a forbidden request: decision, response code', () => {
    const event = normalised(fixtureRecord(V1, 1).value);
    expect(event.request).toMatchObject({ verb: 'list', decision: 'forbid', responseCode: 403 });
    expect(event.request?.object).toEqual({
      resource: 'secrets',
      apiVersion: 'v1',
      namespace: 'kube-system',
    });
  });

  it('infers the decision of a GKE entry from its authorization checks when no label states it', () => {
    expect(normalised(fixtureRecord('CONSTRUCTED_gke-cloud-logging.jsonl', 1).value).request?.decision).toBe(
      'forbid',
    );
  });

  it('reports both the authenticated and the impersonated user', () => {
    const event = normalised(fixtureRecord(V1, 2).value);
    expect(event.request?.user).toEqual({
      username: 'alice@example.com',
      groups: ['oncall', 'system:authenticated'],
    });
    expect(event.request?.impersonatedUser?.username).toBe('system:serviceaccount:payments:billing');
    expect(event.request?.sourceIps).toEqual(['203.0.113.45', '10.0.0.12']);
    // Impersonating a service account does not make a pod the actor.
    expect(event.pod).toBeUndefined();
  });

  it('sets the acting pod and node from a pod-bound service-account token, not from the target', () => {
    const event = normalised(fixtureRecord(V1, 0).value);
    expect(event.pod).toEqual({
      namespace: 'shop',
      name: 'ci-runner-6c9d8f7b5-qp4zt',
      uid: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      serviceAccount: 'cart-deployer',
    });
    expect(event.node).toBe('worker-2');
    expect(event.request).toMatchObject({
      stage: 'ResponseStarted',
      responseCode: 101,
      object: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'cart-5d8f7b9c4-x2klm' },
    });
  });

  it('sets no pod for a service account without a bound pod, or a pod name without a service account', () => {
    expect(normalised(fixtureRecord('create_nginx_pod_unprivileged.json').value).pod).toBeUndefined();
    const value = fixtureObject(V1, 0);
    value['user'] = { username: 'alice', extra: { 'authentication.kubernetes.io/pod-name': ['p'] } };
    expect(normalised(value).pod).toBeUndefined();
  });

  it('sets no user for an unauthenticated `user: {}` and no object without a resource', () => {
    const value = fixtureObject('create_secret.json');
    value['user'] = {};
    value['objectRef'] = { namespace: 'default', name: 'x' };
    const event = normalised(value);
    expect(event.request?.user).toBeUndefined();
    expect(event.request?.object).toBeUndefined();
  });

  it("carries the body's facts on the request, and none when the event recorded no body", () => {
    const pod = normalised(fixtureRecord('CONSTRUCTED_request-bodies.jsonl', 0).value);
    expect(pod.request?.body).toMatchObject({
      kind: 'Pod',
      hostPid: true,
      hostPathVolumes: ['/', '/var/log/pods'],
      containers: [{ name: 'shell', privileged: true }, { name: 'sidecar' }, { name: 'prepare' }],
    });
    // The acting pod is the token's, never the pod the body describes.
    expect(pod.pod).toBeUndefined();
    const patch = normalised(fixtureRecord('CONSTRUCTED_request-bodies.jsonl', 3).value);
    expect(patch.request).toMatchObject({ verb: 'patch', body: { kind: 'Deployment', hostPid: true } });
    expect(normalised(fixtureRecord('create_secret.json').value).request).not.toHaveProperty('body');
    expect(normalised(fixtureRecord(V1, 0).value).request).not.toHaveProperty('body');
  });

  it('takes the cluster name a GKE entry carries', () => {
    expect(normalised(fixtureRecord('CONSTRUCTED_gke-cloud-logging.jsonl', 0).value).cluster).toBe(
      'honeycluster-eu',
    );
  });
});

describe('serviceAccountOf', () => {
  it.each([
    ['system:serviceaccount:shop:cart', { namespace: 'shop', name: 'cart' }],
    ['system:serviceaccount:shop', undefined],
    ['system:serviceaccount::cart', undefined],
    ['system:serviceaccount:shop:', undefined],
    ['system:serviceaccount:a:b:c', undefined],
    ['system:serviceaccounts:shop:cart', undefined],
    ['system:node:worker-2', undefined],
    [undefined, undefined],
  ])('%s', (username, expected) => {
    expect(serviceAccountOf(username)).toEqual(expected);
  });
});
