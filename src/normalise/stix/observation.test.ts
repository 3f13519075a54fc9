import { describe, expect, it } from 'vitest';
import { createValidator, Timestamp } from '../../stix/index.js';
import type { NormalisedEvent } from '../model.js';
import { IdMemo } from './ids.js';
import { toObservation } from './observation.js';

const validator = createValidator({ strict: true });
const time = Timestamp.parse('2026-11-23T09:00:00.123456789Z');

const exec: NormalisedEvent = {
  source: 'tetragon',
  kind: 'process_kprobe',
  time,
  node: 'node-1',
  pod: {
    namespace: 'ssh',
    name: 'ssh-proxy',
    labels: { 'app.kubernetes.io/name': 'ssh-proxy', __proto__: 'x' },
  },
  container: {
    id: 'containerd://88a138a1e320c55cfcc8dd5d8c528523c2f48faf8cf1b87d7723bab968e08664',
    name: 'c',
  },
  process: {
    execId: 'bm9kZTox',
    parentExecId: 'bm9kZTow',
    pid: 42,
    uid: 0,
    binary: '/usr/bin/nsenter',
    arguments: '-t 1 -a',
  },
  lineage: [
    { execId: 'bm9kZTow', pid: 41, binary: '/bin/sh' },
    { pid: 1, name: 'containerd-shim' },
  ],
  files: [{ path: '/etc/shadow', operation: 'open' }, { path: '/var/log/' }],
  connections: [{ protocol: 'TCP', srcIp: '10.0.0.5', srcPort: 50000, dstIp: '2001:db8::1', dstPort: 443 }],
  detection: {
    hook: '__x64_sys_setns',
    policy: 'nsenter',
    action: 'KPROBE_ACTION_POST',
    techniques: ['T1611', 'bogus'],
  },
  raw: '{"process_kprobe":{}}',
};

function byType(objects: readonly { type: string }[], type: string) {
  return objects.filter((o) => o.type === type) as unknown as Record<string, unknown>[];
}

describe('toObservation', () => {
  it('builds a strictly valid observation with the event, process chain, files and flows', () => {
    const objects = toObservation(exec, new IdMemo(), { cluster: 'honeycluster' });
    expect(validator.validateAll(objects)).toEqual([]);
    expect(objects[0]?.type).toBe('observed-data');
    const [event] = byType(objects, 'x-kstorm-event');
    expect(event).toMatchObject({ source: 'tetragon', hook: '__x64_sys_setns', techniques: ['T1611'] });
    const processes = byType(objects, 'process');
    expect(processes).toHaveLength(3);
    expect(processes[0]?.['parent_ref']).toBe(processes[1]?.['id']);
    expect(processes[1]?.['parent_ref']).toBe(processes[2]?.['id']);
    expect(processes[0]).toMatchObject({
      command_line: '/usr/bin/nsenter -t 1 -a',
      k8s_cluster: 'honeycluster',
    });
    expect(event?.['file_refs']).toHaveLength(2);
    const [traffic] = byType(objects, 'network-traffic');
    expect(traffic?.['protocols']).toEqual(['ipv4', 'tcp']);
    expect(byType(objects, 'ipv6-addr')).toHaveLength(1);
    const [pod] = byType(objects, 'x-k8s-pod');
    expect(Object.getPrototypeOf(pod?.['labels'])).toBe(Object.prototype);
    const observed = objects[0] as unknown as { object_refs: string[] };
    expect(observed.object_refs.sort()).toEqual(
      objects
        .slice(1)
        .map((o) => o.id)
        .sort(),
    );
  });

  it('gives the same ids to the same record, and shares pods and files across records', () => {
    const a = toObservation(exec, new IdMemo());
    const b = toObservation(exec, new IdMemo());
    expect(a.map((o) => o.id)).toEqual(b.map((o) => o.id));
    const other = toObservation({ ...exec, raw: '{"other":1}' }, new IdMemo());
    expect(other[0]?.id).not.toBe(a[0]?.id);
    const shared = (objects: typeof a, type: string) => byType(objects, type).map((o) => o['id']);
    expect(shared(other, 'x-k8s-pod')).toEqual(shared(a, 'x-k8s-pod'));
    expect(shared(other, 'file')).toEqual(shared(a, 'file'));
  });

  it('leaves out values that cannot form valid objects instead of emitting invalid ones', () => {
    const hostile: NormalisedEvent = {
      ...exec,
      container: { id: 'not-a-container-id' },
      connections: [{ srcIp: '999.1.1.1', dstIp: 'evil<script>' }],
      pod: { namespace: '', name: 'x' },
      request: { auditId: 'a', verb: 'get', stage: 'Bogus', decision: 'maybe', responseCode: 1e6 },
      detection: { hook: 'h'.repeat(10_000), tags: ['', 't'] },
    };
    const objects = toObservation(hostile, new IdMemo());
    expect(validator.validateAll(objects)).toEqual([]);
    expect(byType(objects, 'x-k8s-container')).toEqual([]);
    expect(byType(objects, 'network-traffic')).toEqual([]);
    const [request] = byType(objects, 'x-k8s-api-request');
    expect(request).not.toHaveProperty('stage');
    expect(request).not.toHaveProperty('decision');
    expect(String(byType(objects, 'x-kstorm-event')[0]?.['hook'])).toHaveLength(4096);
  });

  it('maps an API request with its user, source address and target object', () => {
    const audit: NormalisedEvent = {
      source: 'k8s-audit',
      kind: 'audit-event',
      time,
      request: {
        auditId: '4d3c2b1a',
        verb: 'create',
        stage: 'ResponseComplete',
        user: { username: 'system:serviceaccount:ssh:default' },
        sourceIps: ['203.0.113.7'],
        object: { resource: 'persistentvolumes', apiGroup: '', name: 'pv1' },
        responseCode: 201,
        decision: 'allow',
        annotations: { 'authorization.k8s.io/decision': 'allow' },
      },
      raw: '{}',
    };
    const objects = toObservation(audit, new IdMemo(), { rawArtifacts: false });
    expect(validator.validateAll(objects)).toEqual([]);
    expect(byType(objects, 'artifact')).toEqual([]);
    expect(byType(objects, 'user-account')[0]).toMatchObject({
      is_service_account: true,
      account_type: 'kubernetes',
    });
    expect(byType(objects, 'x-k8s-object')[0]).toMatchObject({
      resource: 'persistentvolumes',
      api_group: '',
    });
  });
});
