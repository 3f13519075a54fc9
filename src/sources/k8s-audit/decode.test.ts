import { describe, expect, it } from 'vitest';
import type { Decoded } from '../types.js';
import { fixtureNames, fixtureObject, fixtureRecord, fixtureRecords } from './fixtures.test-support.js';
import { auditDecoder } from './index.js';
import type { AuditEvent } from './types.js';

function only(results: readonly Decoded<AuditEvent>[]): AuditEvent {
  expect(results).toHaveLength(1);
  const [result] = results;
  if (!result?.ok) throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  return result.event;
}

function rejectionOf(value: unknown) {
  const results = auditDecoder.decode(value);
  expect(results).toHaveLength(1);
  const [result] = results;
  if (result === undefined || result.ok) throw new Error('expected a rejection');
  return result.rejection;
}

describe('auditDecoder.recognises', () => {
  it('recognises every fixture record', () => {
    for (const name of fixtureNames()) {
      for (const { value } of fixtureRecords(name)) expect(auditDecoder.recognises(value), name).toBe(true);
    }
  });

  it('recognises an event with both kind and apiVersion stripped', () => {
    const event = fixtureObject('create_secret.json');
    delete event['kind'];
    delete event['apiVersion'];
    expect(auditDecoder.recognises(event)).toBe(true);
    delete event['stage'];
    expect(auditDecoder.recognises(event)).toBe(false);
  });

  it.each([
    [
      'a core/v1 Event',
      { kind: 'Event', apiVersion: 'v1', reason: 'Pulled', involvedObject: { kind: 'Pod' } },
    ],
    ['an audit Policy', { kind: 'Policy', apiVersion: 'audit.k8s.io/v1', rules: [] }],
    ['a Tetragon event', { process_exec: { process: { binary: '/bin/sh' } }, node_name: 'n', time: 't' }],
    ['a Falco alert', { output: 'x', priority: 'Warning', rule: 'r', time: 't', output_fields: {} }],
    ['a GKE entry of another service', { protoPayload: { serviceName: 'container.googleapis.com' } }],
    ['an AKS record of another category', { category: 'kube-apiserver', properties: { log: 'I1102 …' } }],
    ['an event with a non-audit apiVersion', { apiVersion: 'v1', auditID: 'a', verb: 'get', stage: 'x' }],
    ['null', null],
    ['an array', [{ kind: 'Event', apiVersion: 'audit.k8s.io/v1' }]],
    ['a string', 'audit.k8s.io/v1'],
  ])('does not recognise %s', (_, value) => {
    expect(auditDecoder.recognises(value)).toBe(false);
  });
});

describe('auditDecoder.decode: native events', () => {
  it('reads an audit.k8s.io/v1 event', () => {
    const event = only(auditDecoder.decode(fixtureRecord('create_secret.json').value));
    expect(event).toMatchObject({
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: '55a81824-ab56-46c5-8b02-96336f5e78d7',
      stage: 'ResponseComplete',
      requestURI: '/api/v1/namespaces/default/secrets',
      verb: 'create',
      user: { username: 'minikube-user', groups: ['system:masters', 'system:authenticated'] },
      sourceIPs: ['192.168.64.1'],
      userAgent: 'kubectl/v1.17.3 (darwin/amd64) kubernetes/06ad960',
      objectRef: { resource: 'secrets', namespace: 'default', name: 'example-secret', apiVersion: 'v1' },
      responseStatus: { code: 201 },
      requestReceivedTimestamp: '2020-04-21T17:57:05.541358Z',
      stageTimestamp: '2020-04-21T17:57:05.548299Z',
      timestamp: undefined,
      envelope: undefined,
    });
    expect(event.annotations?.['authorization.k8s.io/decision']).toBe('allow');
  });

  it('reads a v1beta1 event with its own timestamp field', () => {
    const event = only(auditDecoder.decode(fixtureRecord('create_nginx_pod_unprivileged.json').value));
    expect(event.apiVersion).toBe('audit.k8s.io/v1beta1');
    expect(event.timestamp).toBe('2018-10-25T14:09:49Z');
    expect(event.user?.username).toBe('system:serviceaccount:kube-system:replicaset-controller');
    expect(event.user?.uid).toBe('8d5e1349-d30f-11e8-96d9-080027728ac4');
  });

  it('reads events without apiVersion, and without kind', () => {
    expect(only(auditDecoder.decode(fixtureRecord('delete_namespace_foo.json').value)).verb).toBe('delete');
    const kindless = only(auditDecoder.decode(fixtureRecord('CONSTRUCTED_kindless-event.json').value));
    expect(kindless).toMatchObject({ apiVersion: undefined, verb: 'watch', stage: 'RequestReceived' });
    expect(kindless.responseStatus).toBeUndefined();
  });

  it('does not carry requestObject or responseObject', () => {
    const event = only(auditDecoder.decode(fixtureRecord('create_clusterrole.json').value));
    expect(Object.keys(event)).not.toContain('requestObject');
    expect(Object.keys(event)).not.toContain('responseObject');
  });

  it('reads the empty core apiGroup and empty strings as not reported', () => {
    const value = fixtureObject('create_secret.json');
    value['objectRef'] = { resource: 'pods', apiGroup: '', name: '', namespace: 'default' };
    value['userAgent'] = '';
    const event = only(auditDecoder.decode(value));
    expect(event.objectRef).toMatchObject({ resource: 'pods', apiGroup: undefined, name: undefined });
    expect(event.userAgent).toBeUndefined();
  });
});

describe('auditDecoder.decode: EventList', () => {
  it('yields one event per item, each with its own JSON text', () => {
    const list = fixtureRecord('CONSTRUCTED_webhook-eventlist-body.json').value as { items: unknown[] };
    const results = auditDecoder.decode(list);
    expect(results).toHaveLength(3);
    results.forEach((result, index) => {
      expect(result.ok).toBe(true);
      expect(JSON.parse(result.raw ?? 'null')).toEqual(list.items[index]);
    });
    expect(results.map((result) => (result.ok ? result.event.verb : undefined))).toEqual([
      'create',
      'create',
      'delete',
    ]);
  });

  it('rejects bad items one by one and keeps the others', () => {
    const good = fixtureObject('create_secret.json');
    const badType = { ...good, auditID: 7 };
    const nested = { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [] };
    const list = {
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [good, 42, badType, good, nested],
    };
    const results = auditDecoder.decode(list);
    expect(results.map((result) => result.ok)).toEqual([true, false, false, true, false]);
    expect(results.map((result) => (result.ok ? undefined : result.rejection.path))).toEqual([
      undefined,
      '$.items[1]',
      '$.items[2].auditID',
      undefined,
      '$.items[4].kind',
    ]);
    expect(results[2]?.raw).toBe(JSON.stringify(badType));
  });

  it('rejects a list whose items are not an array', () => {
    const rejection = rejectionOf({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: {} });
    expect(rejection).toMatchObject({ code: 'KSTORM_EVENT_SHAPE', path: '$.items' });
  });
});

describe('auditDecoder.decode: hostile input', () => {
  it.each([
    ['auditID', { auditID: 7 }, '$.auditID'],
    ['verb', { verb: '' }, '$.verb'],
    ['user', { user: 'root' }, '$.user'],
    ['user.groups', { user: { username: 'u', groups: [1] } }, '$.user.groups[0]'],
    ['user.extra', { user: { username: 'u', extra: { 'pod-name': 'p' } } }, '$.user.extra.pod-name'],
    ['impersonatedUser.username', { impersonatedUser: { username: 5 } }, '$.impersonatedUser.username'],
    ['sourceIPs', { sourceIPs: '10.0.0.1' }, '$.sourceIPs'],
    ['objectRef', { objectRef: [] }, '$.objectRef'],
    ['objectRef.namespace', { objectRef: { resource: 'pods', namespace: {} } }, '$.objectRef.namespace'],
    ['responseStatus.code', { responseStatus: { code: 'teapot' } }, '$.responseStatus.code'],
    ['annotations', { annotations: { a: 1 } }, '$.annotations["a"]'],
    ['stageTimestamp', { stageTimestamp: 1_700_000_000 }, '$.stageTimestamp'],
    ['kind', { kind: 1 }, '$.kind'],
  ])('rejects a mistyped %s, naming its path', (_, change, path) => {
    const rejection = rejectionOf({ ...fixtureObject('create_secret.json'), ...change });
    expect(rejection).toMatchObject({ code: 'KSTORM_EVENT_SHAPE', path });
    expect(rejection.message).toContain(path);
  });

  it.each([
    ['an audit Policy', { kind: 'Policy', apiVersion: 'audit.k8s.io/v1' }, '$.kind'],
    ['a core/v1 Event', { kind: 'Event', apiVersion: 'v1' }, '$.apiVersion'],
  ])('rejects %s as an unknown kind', (_, change, path) => {
    const rejection = rejectionOf({ ...fixtureObject('create_secret.json'), ...change });
    expect(rejection).toMatchObject({ code: 'KSTORM_EVENT_UNKNOWN_KIND', path });
  });

  it('quotes at most 80 characters of an unknown kind', () => {
    const rejection = rejectionOf({ kind: `Evil${'x'.repeat(100_000)}`, auditID: 'a', verb: 'get' });
    expect(rejection.code).toBe('KSTORM_EVENT_UNKNOWN_KIND');
    expect(rejection.message.length).toBeLessThan(200);
  });

  it.each([null, 42, 'text', [], [fixtureObject('create_secret.json')], true])(
    'rejects %j as not an object',
    (value) => {
      expect(rejectionOf(value)).toMatchObject({ code: 'KSTORM_EVENT_SHAPE', path: '$' });
    },
  );

  it('treats __proto__ and constructor as plain keys', () => {
    const value = JSON.parse(
      '{"__proto__":{"auditID":"inherited","verb":"get"},"constructor":{"name":"x"},"stage":"ResponseComplete"}',
    );
    expect(rejectionOf(value)).toMatchObject({ path: '$.auditID' });

    const text = JSON.stringify(fixtureObject('create_secret.json')).replace(
      '"annotations":{',
      '"annotations":{"__proto__":"polluted","constructor":"c",',
    );
    const event = only(auditDecoder.decode(JSON.parse(text)));
    expect(Object.hasOwn(event.annotations ?? {}, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(event.annotations, '__proto__')?.value).toBe('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    const withExtra = fixtureObject('create_secret.json');
    withExtra['user'] = JSON.parse('{"username":"u","extra":{"__proto__":["p"],"toString":["t"]}}');
    const extra = only(auditDecoder.decode(withExtra)).user?.extra ?? {};
    expect(Object.keys(extra).sort()).toEqual(['__proto__', 'toString']);
    expect(Object.getPrototypeOf(extra)).toBeNull();
  });

  it('does not walk a deeply nested requestObject', () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
    const event = { ...fixtureObject('create_secret.json'), requestObject: deep, responseObject: deep };
    expect(only(auditDecoder.decode(event)).verb).toBe('create');

    // In a list, an item too deep to be written back as its own raw text is rejected alone.
    const list = {
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [event, fixtureObject('create_secret.json')],
    };
    const results = auditDecoder.decode(list);
    expect(results.map((result) => result.ok)).toEqual([false, true]);
    expect(results[0]).toMatchObject({
      ok: false,
      rejection: { code: 'KSTORM_EVENT_SHAPE', path: '$.items[0]' },
    });
  });
});
