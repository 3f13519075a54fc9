import { describe, expect, it } from 'vitest';
import type { Decoded } from '../types.js';
import { fixtureNames, fixtureObject, fixtureRecord, fixtureRecords } from './fixtures.test-support.js';
import {
  decodeKubescape,
  type KubescapeAlert,
  kubescapeDecoder,
  MAX_EMBEDDED_JSON_CHARS,
  MAX_PROCESS_TREE_DEPTH,
  MAX_PROCESS_TREE_NODES,
  recognisesKubescape,
} from './index.js';

const EXPORTER = 'CONSTRUCTED_http-exporter-body.json';
const STDOUT = 'kubescape-alerts-ssh-bait-sample.jsonl';
const ROW = 'kubescape-alert-flat-row.jsonl';

function accepted(decoded: Decoded<KubescapeAlert> | undefined): KubescapeAlert {
  if (decoded === undefined || !decoded.ok) throw new Error(`expected an event: ${JSON.stringify(decoded)}`);
  return decoded.event;
}

function one(value: unknown): Decoded<KubescapeAlert> {
  const decoded = decodeKubescape(value);
  expect(decoded).toHaveLength(1);
  return decoded[0] as Decoded<KubescapeAlert>;
}

function rejectionOf(value: unknown) {
  const result = one(value);
  if (result.ok) throw new Error('expected a rejection');
  return result.rejection;
}

describe('kubescape decoder: shapes', () => {
  it('recognises and decodes every fixture record', () => {
    for (const name of fixtureNames()) {
      for (const { value } of fixtureRecords(name)) {
        expect(recognisesKubescape(value), name).toBe(true);
        for (const decoded of decodeKubescape(value)) expect(decoded.ok, name).toBe(true);
      }
    }
  });

  it('reads the stdout line, with its process tree and trigger event', () => {
    const alert = accepted(one(fixtureRecord(STDOUT, 4).value));
    expect(alert).toMatchObject({ shape: 'stdout', ruleId: 'R0001', severity: 5, infectedPid: 3498398 });
    expect(alert.timestamp).toBe('2025-05-06T22:07:41.993509378Z');
    expect(alert.logTime).toBe('2025-05-28T12:48:06.080656471Z');
    expect(alert.processTree?.pid).toBe(3498391);
    expect(alert.processTree?.children.map((child) => child.pid)).toEqual([3498398]);
    expect(alert.trigger?.runtimeName).toBe('containerd');
    // event.timestamp is a JSON number beyond 2^53: not exact, so not kept.
    expect(alert.trigger?.timestampNanos).toBeUndefined();
    expect(alert.cloudMetadata).toBeUndefined();
  });

  it('reads a ClickHouse row whose nested objects are JSON text', () => {
    const alert = accepted(one(fixtureRecord(ROW).value));
    expect(alert.shape).toBe('clickhouse-row');
    expect(alert.hostname).toBe('node-01');
    expect(alert.identifiers).toEqual({
      processName: 'hostname',
      processCommandLine: '/usr/bin/hostname ',
      fileDirectory: '/usr/bin',
      fileName: 'hostname',
    });
    expect(alert.k8s.workloadKind).toBe('Deployment');
    const rows = fixtureRecords('kubescape-alerts-clickhouse-rows.json');
    expect(rows).toHaveLength(31);
    expect(accepted(one(rows[0]?.value)).cloudMetadata).toBeUndefined();
  });

  it('yields one event per alert of an HTTP exporter body, each with its own re-decodable raw', () => {
    const decoded = decodeKubescape(fixtureRecord(EXPORTER).value);
    expect(decoded.map((item) => (item.ok ? item.event.ruleId : item.rejection.code))).toEqual([
      'R0001',
      'R0011',
      'R0006',
    ]);
    for (const item of decoded) {
      const alert = accepted(item);
      expect(alert.shape).toBe('http-exporter');
      expect(alert.processTree?.pid).toBe(1207);
      expect(alert.cloudMetadata?.['provider']).toBe('aws');
      expect(item.raw).toBeDefined();
      const again = decodeKubescape(JSON.parse(item.raw ?? ''));
      expect(again).toHaveLength(1);
      expect(accepted(again[0])).toEqual(alert);
    }
    expect(accepted(decoded[1]).identifiers).toMatchObject({
      networkAddress: '198.51.100.23',
      networkPort: 8080,
    });
  });

  it('rejects one bad alert of a batch and keeps the others', () => {
    const body = fixtureObject(EXPORTER) as { spec: { alerts: unknown[] } };
    body.spec.alerts[1] = 'not an alert';
    const decoded = decodeKubescape(body);
    expect(decoded.map((item) => item.ok)).toEqual([true, false, true]);
    expect(decoded[1]).toMatchObject({ ok: false, rejection: { path: '$.spec.alerts[1]' } });
    expect(decodeKubescape({ kind: 'RuntimeAlerts', spec: { alerts: [] } })).toEqual([]);
  });

  it('dead-letters the exporter limit notice and the file-integrity report as kinds it does not read', () => {
    const notice = {
      kind: 'RuntimeAlerts',
      spec: { alerts: [{ alertName: 'AlertLimitReached', severity: 1000 }] },
    };
    expect(decodeKubescape(notice)[0]).toMatchObject({
      ok: false,
      rejection: { code: 'KSTORM_EVENT_UNKNOWN_KIND' },
    });
    const fim = {
      events: [],
      host: 'h',
      reportedBy: 'kubescape-node-agent',
      timestamp: '2026-01-01T00:00:00Z',
    };
    expect(recognisesKubescape(fim)).toBe(true);
    expect(rejectionOf(fim).code).toBe('KSTORM_EVENT_UNKNOWN_KIND');
  });

  it('does not recognise other sensors', () => {
    expect(recognisesKubescape({ rule: 'r', priority: 'Notice', output: 'o', time: 't' })).toBe(false);
    expect(recognisesKubescape({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [] })).toBe(false);
    expect(recognisesKubescape({ BaseRuntimeMetadata: {}, RuleID: 7 })).toBe(false);
    expect(recognisesKubescape('R0001')).toBe(false);
  });
});

describe('kubescape decoder: hostile input', () => {
  it('rejects JSON-text fields that are not JSON, not an object, or too long, naming the field', () => {
    const row = () => fixtureObject(ROW);
    expect(rejectionOf({ ...row(), RuntimeK8sDetails: '{"clusterName":' })).toMatchObject({
      code: 'KSTORM_EVENT_SHAPE',
      path: '$.RuntimeK8sDetails',
    });
    expect(rejectionOf({ ...row(), event: '[1,2]' }).path).toBe('$.event');
    expect(rejectionOf({ ...row(), BaseRuntimeMetadata: 'x'.repeat(MAX_EMBEDDED_JSON_CHARS + 1) }).path).toBe(
      '$.BaseRuntimeMetadata',
    );
    expect(rejectionOf({ ...row(), CloudMetadata: '{not json' }).path).toBe('$.CloudMetadata');
    expect(rejectionOf({ ...row(), BaseRuntimeMetadata: 'null' }).path).toBe('$.BaseRuntimeMetadata');
    // The text `null`, "empty" and "" read as absent where the part is optional.
    for (const absent of ['null', 'empty', '', null]) {
      expect(accepted(one({ ...row(), CloudMetadata: absent })).cloudMetadata).toBeUndefined();
    }
    expect(accepted(one({ ...row(), CloudMetadata: '{"provider":"gcp"}' })).cloudMetadata).toEqual({
      provider: 'gcp',
    });
    expect(accepted(one({ ...row(), event: 'null' })).trigger).toBeUndefined();
  });

  it('rejects wrong types with the JSON path, inside JSON text too', () => {
    const line = () => fixtureObject(STDOUT, 4);
    const base = (patch: Record<string, unknown>) => ({
      ...line(),
      BaseRuntimeMetadata: { ...(line()['BaseRuntimeMetadata'] as object), ...patch },
    });
    expect(rejectionOf(base({ severity: 'high' })).path).toBe('$.BaseRuntimeMetadata.severity');
    expect(rejectionOf(base({ infectedPID: 2 ** 60 })).path).toBe('$.BaseRuntimeMetadata.infectedPID');
    expect(rejectionOf(base({ arguments: [] })).path).toBe('$.BaseRuntimeMetadata.arguments');
    expect(rejectionOf(base({ mitreTechnique: 1059 })).path).toBe('$.BaseRuntimeMetadata.mitreTechnique');
    expect(rejectionOf({ ...line(), RuleID: '' }).path).toBe('$.RuleID');
    const tree = { processTree: { pid: 1, childrenMap: { 'sh␟2': { pid: 'two' } } } };
    expect(rejectionOf({ ...line(), RuntimeProcessDetails: tree }).path).toBe(
      '$.RuntimeProcessDetails.processTree.childrenMap[0].pid',
    );
    const labels = { ...fixtureObject(ROW), RuntimeK8sDetails: '{"podLabels":{"app":1}}' };
    expect(rejectionOf(labels).path).toBe('$.RuntimeK8sDetails.podLabels["app"]');
  });

  it('treats __proto__ keys as data', () => {
    const text = fixtureRecord(STDOUT, 4).text.replace(
      '"BaseRuntimeMetadata":{',
      '"__proto__":{"RuleID":"X"},"BaseRuntimeMetadata":{"__proto__":{"severity":10},',
    );
    const alert = accepted(one(JSON.parse(text)));
    expect(alert.ruleId).toBe('R0001');
    expect(alert.severity).toBe(5);
    const labels = JSON.parse('{"podLabels":{"__proto__":"x","app":"web"}}');
    const withLabels = accepted(one({ ...fixtureObject(STDOUT, 4), RuntimeK8sDetails: labels }));
    const podLabels = withLabels.k8s.podLabels;
    expect(
      podLabels === undefined ? undefined : Object.getOwnPropertyDescriptor(podLabels, '__proto__')?.value,
    ).toBe('x');
  });

  it('bounds deep and wide process trees instead of failing on them', () => {
    let deep: Record<string, unknown> = { pid: 100_000, comm: 'leaf' };
    for (let pid = 99_999; pid >= 90_000; pid -= 1)
      deep = { pid, comm: 'sh', childrenMap: { [`sh␟${pid + 1}`]: deep } };
    const deepAlert = accepted(
      one({ ...fixtureObject(STDOUT, 4), RuntimeProcessDetails: { processTree: deep } }),
    );
    let depth = 0;
    for (let node = deepAlert.processTree; node?.children[0] !== undefined; node = node.children[0])
      depth += 1;
    expect(depth).toBe(MAX_PROCESS_TREE_DEPTH);

    const children = Array.from({ length: 5000 }, (_, index) => ({ pid: index + 2 }));
    const wide = { processTree: { pid: 1, children } };
    const wideAlert = accepted(one({ ...fixtureObject(STDOUT, 4), RuntimeProcessDetails: wide }));
    expect(wideAlert.processTree?.children).toHaveLength(MAX_PROCESS_TREE_NODES - 1);
  });

  it('never throws on values JSON cannot hold', () => {
    const body = fixtureObject(EXPORTER) as { spec: { alerts: unknown[] } };
    body.spec.alerts.push({ ruleID: 'R0001', timestamp: '2026-01-01T00:00:00Z', big: 10n });
    const decoded = kubescapeDecoder.decode(body);
    expect(decoded).toHaveLength(4);
    expect(decoded[3]?.raw).toBeUndefined();
  });
});
