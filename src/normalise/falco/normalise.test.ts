import { describe, expect, it } from 'vitest';
import { fixtureObject, fixtureRecord } from '../../sources/falco/fixtures.test-support.js';
import { falcoDecoder } from '../../sources/falco/index.js';
import { LineageTracker } from '../lineage.js';
import type { NormalisedEvent } from '../model.js';
import type { Normalised } from '../types.js';
import { normaliseFalco, severityOfPriority, techniquesOf } from './index.js';

function normalised(value: unknown, raw = '{}'): Normalised {
  const [decoded] = falcoDecoder.decode(value);
  if (decoded === undefined || !decoded.ok) throw new Error('fixture did not decode');
  return normaliseFalco(decoded.event, raw, { lineage: new LineageTracker() });
}

function event(value: unknown, raw?: string): NormalisedEvent {
  const result = normalised(value, raw);
  if (!result.ok) throw new Error(result.rejection.message);
  return result.event;
}

/** A fixture alert with `output_fields` replaced. */
function withFields(
  fields: Record<string, unknown>,
  from = 'CONSTRUCTED_syscall-alerts.jsonl',
): Record<string, unknown> {
  return { ...fixtureObject(from), output_fields: fields };
}

describe('falco priority and techniques', () => {
  it.each([
    ['Emergency', 'critical'],
    ['Alert', 'critical'],
    ['Critical', 'critical'],
    ['CRITICAL', 'critical'],
    ['Error', 'high'],
    ['Warning', 'medium'],
    ['Notice', 'low'],
    ['Informational', 'informational'],
    ['Info', 'informational'],
    ['Debug', 'informational'],
  ])('%s is %s', (priority, severity) => {
    expect(severityOfPriority(priority)).toBe(severity);
  });

  it('has no severity for an unknown priority, but keeps its text', () => {
    expect(severityOfPriority('Severe')).toBeUndefined();
    const detection = event({
      ...fixtureObject('CONSTRUCTED_syscall-alerts.jsonl'),
      priority: 'Severe',
    }).detection;
    expect(detection?.priority).toBe('Severe');
    expect(detection?.severity).toBeUndefined();
  });

  it('takes ATT&CK technique ids from tags, upper-cased and once each', () => {
    const tags = [
      'T1059',
      't1611.001',
      'T1059',
      'mitre_execution',
      'TA0004',
      'T10591',
      'T1059.1',
      'xT1059',
      'T1059.004',
    ];
    expect(techniquesOf(tags)).toEqual(['T1059', 'T1611.001', 'T1059.004']);
    expect(techniquesOf(['container', 'host'])).toBeUndefined();
    expect(techniquesOf(undefined)).toBeUndefined();
  });
});

describe('normaliseFalco', () => {
  it('maps a syscall alert in a pod: process, ancestors, container, pod, file', () => {
    const { text, value } = fixtureRecord('CONSTRUCTED_syscall-alerts.jsonl');
    const out = event(value, text);
    expect(out).toMatchObject({ source: 'falco', kind: 'falco-alert', node: 'worker-2', raw: text });
    expect(out.time.toString()).toBe('2026-03-14T09:26:53.589793238Z');
    expect(out.pod).toEqual({
      namespace: 'shop',
      name: 'web-7d9f8b6c5d-x2x4q',
      uid: '0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b',
      labels: { app: 'web', 'pod-template-hash': '7d9f8b6c5d' },
    });
    expect(out.container).toEqual({
      id: '3ad7b26ded6d',
      name: 'web',
      image: 'docker.io/library/nginx:1.27.4',
      imageId: 'sha256:5ed8fcc66f4ed123c1b2560ed708dc148755b6e4cbd8b943fab094f2c6bfa91e',
    });
    expect(out.process).toEqual({
      pid: 48213,
      parentPid: 48190,
      uid: 0,
      auid: 4_294_967_295,
      binary: '/usr/bin/cat',
      name: 'cat',
      commandLine: 'cat /etc/shadow',
      cwd: '/root/',
    });
    // aname[4] is <NA>: the chain stops at aname[3].
    expect(out.lineage).toEqual([
      { pid: 48190, name: 'bash', commandLine: 'bash -i' },
      { name: 'sshd' },
      { name: 'containerd-shim' },
    ]);
    expect(out.files).toEqual([{ path: '/etc/shadow', operation: 'openat', flags: 'O_RDONLY' }]);
    expect(out.connections).toBeUndefined();
    expect(out.request).toBeUndefined();
    expect(out.detection).toMatchObject({
      ruleName: 'Read sensitive file untrusted',
      priority: 'Warning',
      severity: 'medium',
      techniques: ['T1555'],
    });
    // Unmapped fields stay as arguments; the rounded nanosecond evt.time is left out.
    expect(out.detection?.arguments).toEqual(['evt.type=openat', 'proc.tty=34816', 'user.name=root']);
  });

  it('splits an IPv4 socket name into a client → server connection', () => {
    const out = event(fixtureRecord('CONSTRUCTED_syscall-alerts.jsonl', 1).value);
    expect(out.connections).toEqual([
      { srcIp: '10.244.2.31', srcPort: 51442, dstIp: '10.96.0.1', dstPort: 443, protocol: 'tcp' },
    ]);
    expect(out.files).toBeUndefined();
    expect(out.detection?.arguments).not.toContainEqual(expect.stringMatching(/^fd\./));
  });

  it('uses fd.cip/fd.sip before the socket name, and local/remote only without either', () => {
    const explicit = event(withFields({ 'fd.cip': '10.0.0.2', 'fd.sip': '10.0.0.9', 'fd.sport': '8080' }));
    expect(explicit.connections).toEqual([{ srcIp: '10.0.0.2', dstIp: '10.0.0.9', dstPort: 8080 }]);
    const local = event(
      withFields({ 'fd.lip': '10.0.0.2', 'fd.rip': '10.0.0.9', 'fd.rport': 53, 'fd.l4proto': 'UDP' }),
    );
    expect(local.connections).toEqual([
      { srcIp: '10.0.0.2', dstIp: '10.0.0.9', dstPort: 53, protocol: 'udp' },
    ]);
    expect(
      event(withFields({ 'fd.name': '::1:80->::1:41000', 'fd.type': 'ipv6' })).connections,
    ).toBeUndefined();
  });

  it('maps a k8s_audit alert that names its audit id and verb to the API request', () => {
    const out = event(fixtureRecord('CONSTRUCTED_k8s-audit-alerts.jsonl').value);
    expect(out.request).toEqual({
      auditId: '7b1e6c0a-3f2d-4e8b-9a41-5d6c7e8f9a0b',
      verb: 'create',
      requestUri:
        '/api/v1/namespaces/shop/pods/web-7d9f8b6c5d-x2x4q/exec?command=sh&container=web&stdin=true&stdout=true&tty=true',
      user: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] },
      sourceIps: ['203.0.113.7'],
      userAgent: 'kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46',
      object: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web-7d9f8b6c5d-x2x4q' },
      responseCode: 101,
      decision: 'allow',
      reason:
        'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
    });
    expect(out.detection?.arguments).toEqual(['ka.uri.param[command]=sh']);
    expect(out.process).toBeUndefined();
  });

  it('keeps ka.* fields as arguments when the alert lacks an audit id (the stock rule outputs)', () => {
    const out = event(fixtureRecord('CONSTRUCTED_k8s-audit-alerts.jsonl', 1).value);
    expect(out.request).toBeUndefined();
    expect(out.detection?.arguments).toEqual([
      'ka.req.pod.containers.image=docker.io/library/busybox:1.36',
      'ka.resp.name=probe-6ff4',
      'ka.target.namespace=shop',
      'ka.user.name=system:serviceaccount:shop:deployer',
    ]);
  });

  it('links ancestors by pid when proc.apid[n] is reported', () => {
    const out = event(fixtureRecord('CONSTRUCTED_http-output-body.json').value);
    expect(out.lineage).toEqual([
      { pid: 48177, parentPid: 41877, name: 'runc' },
      { pid: 41877, name: 'containerd-shim' },
    ]);
    expect(out.detection?.techniques).toEqual(['T1059']);
    expect(out.detection?.arguments).toContain('evt.arg.flags=EXE_WRITABLE|EXE_LOWER_LAYER');
  });

  it('reads <NA>, empty and mistyped output fields as not reported', () => {
    const out = event(
      withFields({
        'proc.pid': { nested: 1 },
        'proc.name': '<NA>',
        'proc.cmdline': '',
        'proc.exepath': ['<NA>', '/bin/sh'],
        'proc.exe': 'sh',
        'user.uid': 1.5,
        'container.id': 'host',
        'container.name': 'host',
        'k8s.ns.name': 'shop',
        'k8s.pod.name': '<NA>',
        'fd.name': '/tmp/x',
        'fd.type': 'unix',
        'fd.sport': 70_000,
      }),
    );
    expect(out.process).toEqual({ binary: '/bin/sh' });
    expect(out.container).toBeUndefined();
    expect(out.pod).toBeUndefined();
    expect(out.files).toBeUndefined();
    expect(out.connections).toBeUndefined();
    expect(out.detection?.arguments).toEqual(['fd.name=/tmp/x']);
  });

  it('falls back to an exact evt.time, and rejects an alert with no usable time', () => {
    const noTime = (fields: Record<string, unknown>) => {
      const alert = withFields(fields);
      delete alert['time'];
      return alert;
    };
    expect(event(noTime({ 'evt.time': '1773480413589793238' })).time.toString()).toBe(
      '2026-03-14T09:26:53.589793238Z',
    );
    expect(event(noTime({ 'evt.time': '2026-03-14T10:26:53.5+0100' })).time.toString()).toBe(
      '2026-03-14T09:26:53.5Z',
    );
    // A JSON number of nanoseconds has already lost precision: not used.
    for (const evtTime of [Number('1773480413589793238'), '09:26:53.589793238', null]) {
      const result = normalised(noTime({ 'evt.time': evtTime }));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.rejection).toMatchObject({ code: 'KSTORM_EVENT_TIME', path: '$.time' });
    }
    const badTime = normalised({ ...withFields({}), time: 'yesterday' });
    expect(badTime.ok).toBe(false);
  });

  it('keeps __proto__ output fields as data', () => {
    const fields = JSON.parse(
      '{"__proto__":"x","k8s.ns.name":"shop","k8s.pod.name":"p","k8s.pod.labels":"(__proto__:evil, app:web)"}',
    );
    const out = event(withFields(fields));
    expect(out.detection?.arguments).toContain('__proto__=x');
    const labels = out.pod?.labels;
    expect(labels === undefined ? undefined : Object.getPrototypeOf(labels)).toBeNull();
    expect(
      labels === undefined ? undefined : Object.getOwnPropertyDescriptor(labels, '__proto__')?.value,
    ).toBe('evil');
    expect(labels?.['app']).toBe('web');
    expect(({} as Record<string, unknown>)['evil']).toBeUndefined();
  });
});
