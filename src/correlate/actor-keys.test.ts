import { describe, expect, it } from 'vitest';
import { Ingestor } from '../normalise/index.js';
import { actorKeys } from './actor-keys.js';

function eventOf(record: unknown) {
  const [item] = new Ingestor({ cluster: 'test', rawArtifacts: false }).record(JSON.stringify(record));
  if (!item?.ok) throw new Error('rejected');
  return item.observation.event;
}

const AUDIT = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID: '1d4c2b7e-0f3a-4a8e-9b6d-2c5e8f1a3b70',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/shop/secrets',
  verb: 'list',
  user: { username: 'system:serviceaccount:kstorm-bait:ssh-bait' },
  sourceIPs: ['10.244.1.7', '::1'],
  objectRef: { resource: 'secrets', namespace: 'shop' },
  responseStatus: { code: 200 },
  requestReceivedTimestamp: '2026-03-14T09:30:00.000000Z',
  stageTimestamp: '2026-03-14T09:30:00.020000Z',
};

describe('actorKeys', () => {
  it('takes the caller and its address from an audit event, not loopback', () => {
    expect(actorKeys(eventOf(AUDIT)).sort()).toEqual([
      'ip:10.244.1.7',
      'user:system:serviceaccount:kstorm-bait:ssh-bait',
    ]);
  });

  it('ties a bound service-account token to its pod', () => {
    const user = {
      username: 'system:serviceaccount:kstorm-bait:ssh-bait',
      extra: {
        'authentication.kubernetes.io/pod-name': ['ssh-bait-0'],
        'authentication.kubernetes.io/pod-uid': ['u'],
      },
    };
    expect(actorKeys(eventOf({ ...AUDIT, user }))).toContain('pod:kstorm-bait/ssh-bait-0');
  });

  it('ties whoever creates or execs into a pod to that pod', () => {
    const exec = {
      ...AUDIT,
      verb: 'create',
      objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web' },
    };
    expect(actorKeys(eventOf(exec))).toContain('pod:shop/web');
    const list = { ...AUDIT, objectRef: { resource: 'pods', namespace: 'shop', name: 'web' } };
    expect(actorKeys(eventOf(list))).not.toContain('pod:shop/web');
  });

  it('does not tie anonymous callers together by their shared name', () => {
    expect(actorKeys(eventOf({ ...AUDIT, user: { username: 'system:anonymous' } }))).toEqual([
      'ip:10.244.1.7',
    ]);
  });

  it('takes the pod and the process lineage from a runtime event', () => {
    const keys = actorKeys(
      eventOf({
        process_exec: {
          process: {
            exec_id: 'child',
            pid: 2,
            binary: '/bin/sh',
            pod: { namespace: 'kstorm-bait', name: 'ssh-bait' },
          },
          parent: { exec_id: 'parent', pid: 1, binary: '/usr/sbin/sshd' },
        },
        node_name: 'worker-2',
        time: '2026-03-14T09:26:53.589793238Z',
      }),
    );
    expect(keys).toEqual(expect.arrayContaining(['pod:kstorm-bait/ssh-bait', 'exec:child', 'exec:parent']));
  });
});
