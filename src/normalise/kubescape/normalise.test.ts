import { describe, expect, it } from 'vitest';
import { fixtureObject, fixtureRecord } from '../../sources/kubescape/fixtures.test-support.js';
import { kubescapeDecoder } from '../../sources/kubescape/index.js';
import { LineageTracker } from '../lineage.js';
import type { NormalisedEvent } from '../model.js';
import type { Normalised } from '../types.js';
import { normaliseKubescape, severityOfKubescape, techniquesOf } from './index.js';

const STDOUT = 'kubescape-alerts-ssh-bait-sample.jsonl';
const WEBAPP = 'kubescape-alerts-webapp.jsonl';
const ROW = 'kubescape-alert-flat-row.jsonl';
const EXPORTER = 'CONSTRUCTED_http-exporter-body.json';

function results(value: unknown): Normalised[] {
  const context = { lineage: new LineageTracker() };
  return kubescapeDecoder.decode(value).map((decoded) => {
    if (!decoded.ok) throw new Error(decoded.rejection.message);
    return normaliseKubescape(decoded.event, decoded.raw ?? '{}', context);
  });
}

function event(value: unknown, index = 0): NormalisedEvent {
  const result = results(value)[index];
  if (result === undefined || !result.ok) throw new Error(`no event: ${JSON.stringify(result)}`);
  return result.event;
}

/** A stdout line with parts of `BaseRuntimeMetadata` replaced. */
function withBase(patch: Record<string, unknown>, line = 4): Record<string, unknown> {
  const alert = fixtureObject(STDOUT, line);
  return { ...alert, BaseRuntimeMetadata: { ...(alert['BaseRuntimeMetadata'] as object), ...patch } };
}

describe('kubescape severity and techniques', () => {
  it.each([
    [0, 'informational'],
    [1, 'low'],
    [3, 'low'],
    [5, 'medium'],
    [7, 'medium'],
    [8, 'high'],
    [10, 'critical'],
    [1000, 'informational'],
  ])('%i is %s', (severity, expected) => {
    expect(severityOfKubescape(severity)).toBe(expected);
  });

  it('has no severity for a negative value, and keeps the number as the priority text', () => {
    expect(severityOfKubescape(-1)).toBeUndefined();
    expect(event(withBase({ severity: 8 })).detection).toMatchObject({ priority: '8', severity: 'high' });
  });

  it('takes techniques from mitreTechnique (one id or a list), ignoring what is not an id', () => {
    expect(techniquesOf(['t1071.004', 'TA0011', 'T1071.004', 'T1059'])).toEqual(['T1071.004', 'T1059']);
    expect(event(withBase({ mitreTechnique: 'T1059', mitreTactic: 'TA0002' })).detection?.techniques).toEqual(
      ['T1059'],
    );
    expect(event(withBase({ mitreTechnique: ['T1611', 'nonsense'] })).detection?.techniques).toEqual([
      'T1611',
    ]);
    expect(event(withBase({})).detection?.techniques).toBeUndefined();
  });
});

describe('normaliseKubescape', () => {
  it('finds the alerting process in the tree by infectedPID; its ancestors are the nodes above', () => {
    const { text, value } = fixtureRecord(STDOUT, 4);
    const out = event(value);
    expect(out).toMatchObject({ source: 'kubescape', kind: 'kubescape-alert', cluster: 'honeycluster' });
    expect(out.time.toString()).toBe('2025-05-06T22:07:41.993509378Z');
    expect(out.process).toEqual({
      pid: 3498398,
      parentPid: 3498391,
      uid: 0,
      gid: 0,
      binary: '/tmp/rstub',
      name: 'sh',
      commandLine: '/bin/sh -c',
      cwd: '/',
    });
    expect(out.lineage?.map((process) => [process.pid, process.name])).toEqual([
      [3498391, 'sshd'],
      [3498298, 'sshd'],
    ]);
    expect(out.container).toEqual({
      id: '001ebc80149b32292425776a13d463909b33943a5d68d49343c9b6ef8ccbc1c5',
      name: 'ssh-proxy',
      image: 'docker.io/entlein/ssh-proxy:0.0.3',
      imageId: 'sha256:91c36736ea786817cb870fab6267d5d2940d769e832e0433978132e83b3eddb4',
      runtime: 'containerd',
    });
    expect(out.pod).toEqual({
      namespace: 'ssh',
      name: 'ssh-proxy',
      labels: { 'app.kubernetes.io/name': 'ssh-proxy' },
      workloadKind: 'Pod',
      workloadName: 'ssh-proxy',
    });
    expect(out.detection).toEqual({
      ruleId: 'R0001',
      ruleName: 'Unexpected process launched',
      priority: '5',
      severity: 'medium',
      message: 'Unexpected process launched: /bin/sh',
      returnValue: '0',
      arguments: ['args=/bin/sh,-c', 'exec=/bin/sh'],
    });
    expect(text.length).toBeGreaterThan(0);
  });

  it('maps file arguments and flags, and a DNS alert to arguments rather than a connection', () => {
    const file = event(fixtureRecord(STDOUT, 3).value);
    expect(file.files).toEqual([{ path: '/etc/shadow', operation: 'open', flags: 'O_RDONLY|O_CLOEXEC' }]);
    expect(file.detection?.arguments).toBeUndefined();
    const dns = event(fixtureRecord(WEBAPP, 6).value);
    expect(dns.connections).toBeUndefined();
    expect(dns.detection?.arguments).toEqual([
      'addresses=2a00:1450:4001:80b::200e',
      'domain=google.com.',
      'port=40557',
      'protocol=UDP',
    ]);
  });

  it('maps egress, SSH and link arguments to connections and files', () => {
    const egress = event(fixtureRecord(EXPORTER).value, 1);
    expect(egress.connections).toEqual([{ dstIp: '198.51.100.23', dstPort: 8080, protocol: 'tcp' }]);
    expect(egress.detection?.arguments).toBeUndefined();
    const ssh = event(
      withBase({ arguments: { src_ip: '10.0.0.5', dst_ip: '192.0.2.9', src_port: 40000, dst_port: 2222 } }),
    );
    expect(ssh.connections).toEqual([
      { srcIp: '10.0.0.5', srcPort: 40000, dstIp: '192.0.2.9', dstPort: 2222 },
    ]);
    const link = event(
      withBase({ arguments: { oldPath: '/etc/shadow', newPath: '/tmp/s' }, identifiers: undefined }),
    );
    expect(link.files).toEqual([
      { path: '/etc/shadow', operation: 'link-target' },
      { path: '/tmp/s', operation: 'link' },
    ]);
  });

  it('joins identifiers.file directory and name into a path', () => {
    const out = event(fixtureRecord(ROW).value);
    expect(out.files).toEqual([{ path: '/usr/bin/hostname' }]);
    expect(out.node).toBe('node-01');
    expect(out.lineage).toEqual([{ pid: 50939, name: 'bash' }]);
  });

  it('knows a process the tree does not hold by its pid and identifiers only', () => {
    const out = event(
      withBase({ infectedPID: 4242, identifiers: { process: { name: 'nc', commandLine: 'nc -l' } } }),
    );
    expect(out.process).toEqual({ pid: 4242, name: 'nc', commandLine: 'nc -l' });
    expect(out.lineage).toBeUndefined();
  });

  it('ignores the Go zero start time and keeps a real one; a binary must be a path', () => {
    const tree = {
      processTree: {
        pid: 7,
        comm: 'x',
        path: '[rosetta]',
        hardlink: '/bin/x',
        startTime: '2026-01-02T03:04:05.5Z',
      },
    };
    const out = event({ ...withBase({ infectedPID: 7 }), RuntimeProcessDetails: tree });
    expect(out.process?.binary).toBe('/bin/x');
    expect(out.process?.startTime?.toString()).toBe('2026-01-02T03:04:05.5Z');
    expect(event(fixtureRecord(STDOUT, 0).value).process?.startTime).toBeUndefined();
  });

  it('follows a deep chain to the alerting process within the bound', () => {
    let tree: Record<string, unknown> = { pid: 1050, comm: 'leaf' };
    for (let pid = 1049; pid >= 1000; pid -= 1) tree = { pid, ppid: pid - 1, comm: 'sh', children: [tree] };
    const out = event({ ...withBase({ infectedPID: 1050 }), RuntimeProcessDetails: { processTree: tree } });
    expect(out.process?.pid).toBe(1050);
    expect(out.lineage).toHaveLength(51);
    expect(out.lineage?.[0]?.pid).toBe(1049);
    expect(out.lineage?.at(-1)).toEqual({ pid: 999 });
  });

  it('takes the time from the alert, else the log line, else rejects', () => {
    expect(event(withBase({ timestamp: '0001-01-01T00:00:00Z' })).time.toString()).toBe(
      '2025-05-28T12:48:06.080656471Z',
    );
    const noTime = { ...withBase({ timestamp: 'not a time' }), time: undefined };
    const [result] = results(noTime);
    expect(result).toMatchObject({ ok: false, rejection: { code: 'KSTORM_EVENT_TIME' } });
  });
});
