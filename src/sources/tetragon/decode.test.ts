import { describe, expect, it } from 'vitest';
import type { Decoded } from '../types.js';
import { fixtureFiles, fixtureRecord, readFixture } from './fixtures.test-support.js';
import { type TetragonEvent, tetragonDecoder } from './index.js';

function decodeOne(value: unknown): Decoded<TetragonEvent> {
  const results = tetragonDecoder.decode(value);
  expect(results).toHaveLength(1);
  const [result] = results;
  if (result === undefined) throw new Error('no result');
  return result;
}

function decoded(value: unknown): TetragonEvent {
  const result = decodeOne(value);
  if (!result.ok) throw new Error(`rejected: ${result.rejection.message}`);
  return result.event;
}

function rejection(value: unknown) {
  const result = decodeOne(value);
  if (result.ok) throw new Error(`accepted a ${result.event.kind}`);
  return result.rejection;
}

const TIME = '2026-03-02T10:05:01.400123456Z';
const kprobe = (body: Record<string, unknown>) => ({ process_kprobe: body, node_name: 'n1', time: TIME });

describe('tetragonDecoder on the fixtures', () => {
  it('decodes every record of every fixture, real and constructed', () => {
    const kinds = new Map<string, number>();
    let records = 0;
    for (const file of fixtureFiles()) {
      for (const record of readFixture(file)) {
        records += 1;
        expect(tetragonDecoder.recognises(record.value), `${file}:${record.line}`).toBe(true);
        const event = decoded(record.value);
        kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
      }
    }
    expect(records).toBe(109);
    for (const kind of [
      'process_exec',
      'process_exit',
      'process_kprobe',
      'process_tracepoint',
      'process_lsm',
    ]) {
      expect(kinds.get(kind), kind).toBeGreaterThan(0);
    }
    for (const kind of [
      'process_uprobe',
      'process_usdt',
      'process_loader',
      'process_throttle',
      'rate_limit_info',
    ]) {
      expect(kinds.get(kind), kind).toBeGreaterThan(0);
    }
    for (const kind of ['process_connect', 'process_listen', 'process_close'])
      expect(kinds.get(kind)).toBeGreaterThan(0);
  });

  it('reads an exec: process, parent, pod, container, node and time', () => {
    const event = decoded(fixtureRecord('cilium-tetragon/testdata-events.jsonl', 2).value);
    expect(event.kind).toBe('process_exec');
    if (event.kind !== 'process_exec') return;
    expect(event.time).toBe('2022-10-18T03:16:21.373327754Z');
    expect(event.node).toBe('my-node');
    expect(event.process).toMatchObject({
      pid: 68862,
      uid: 0,
      binary: '/starwars-docker',
      arguments: '--port 80 --host 0.0.0.0',
      flags: 'execve rootcwd clone',
      startTime: '2022-10-18T03:16:21.373328662Z',
      auid: 4294967295,
      docker: '16ecce28d6808e01f6b91f990b07616',
    });
    expect(event.process?.pod?.container).toMatchObject({
      id: 'containerd://16ecce28d6808e01f6b91f990b07616c0fc8dff67036231f9911191c7ff3d1cd',
      name: 'deathstar',
      imageName: 'docker.io/cilium/starwars:latest',
      pid: 1,
    });
    expect(event.process?.pod?.labels).toEqual({
      'app.kubernetes.io/name': 'deathstar',
      class: 'deathstar',
      org: 'empire',
      'pod-template-hash': '6f87496b94',
    });
    expect(event.parent?.binary).toBe('/usr/bin/containerd-shim-runc-v2');
  });

  it('accepts a real record without `time`, leaving the choice to the normaliser', () => {
    const event = decoded(fixtureRecord('cilium-tetragon/testdata-events.jsonl', 1).value);
    expect(event.time).toBeUndefined();
  });

  it('accepts the LSM documentation fragment whose process and parent are {}', () => {
    const event = decoded(
      fixtureRecord('cilium-tetragon/docs/FRAGMENT_selectors__50__process_lsm.json').value,
    );
    expect(event).toMatchObject({
      kind: 'process_lsm',
      functionName: 'bprm_check_security',
      policyName: 'file-integrity-monitoring',
      action: 'KPROBE_ACTION_POST',
      imaHash: 'sha256:73abb4280520053564fd4917286909ba3b054598b32c9cdfaf1d733e0202cc96',
      args: [{ kind: 'linux_binprm', file: { path: '/usr/bin/grep', permission: '-rwxr-xr-x' } }],
    });
    expect(event.kind === 'process_lsm' && event.process?.pid).toBeUndefined();
  });

  it('unwraps the Pixie envelope, taking time and node from it', () => {
    const event = decoded(fixtureRecord('k8sstormcenter/tetragon-pixie-filesource.jsonl', 3).value);
    expect(event).toMatchObject({
      kind: 'process_kprobe',
      time: '2025-04-23T10:22:32.067045980Z',
      node: 'gke-k8s-caas-0008-beta-user-pool-40badfb2-d52w',
      functionName: '__x64_sys_setns',
      args: [
        { kind: 'int', value: 3 },
        { kind: 'int', value: 33554432 },
      ],
    });
  });

  it('reads a Pixie payload that is itself a whole record, preferring its own time', () => {
    const inner = { process_throttle: { type: 'THROTTLE_STOP', cgroup: 'a' }, time: '2026-01-01T00:00:01Z' };
    const envelope = {
      time: '2026-01-01T00:00:00Z',
      node_name: 'pixie',
      type: 'process_throttle',
      payload: inner,
    };
    expect(tetragonDecoder.recognises(envelope)).toBe(true);
    expect(decoded(envelope)).toMatchObject({
      time: '2026-01-01T00:00:01Z',
      node: 'pixie',
      throttleType: 'THROTTLE_STOP',
    });
  });

  it('reads every argument kind of the constructed kprobes', () => {
    const kinds = readFixture('CONSTRUCTED_process_kprobe_arguments.jsonl').map((record) => {
      const event = decoded(record.value);
      return event.kind === 'process_kprobe' ? event.args.map((arg) => arg.kind) : [];
    });
    expect(kinds).toEqual([
      ['sockaddr', 'int'],
      ['sock'],
      ['skb'],
      ['sockaddr_un'],
      ['path'],
      ['cred', 'kernel_cap_t', 'cap_inheritable', 'cap_permitted', 'cap_effective', 'user_ns', 'uint'],
      ['bpf_attr', 'bpf_map', 'perf_event', 'bpf_cmd', 'bpf_prog'],
      ['net_dev', 'long', 'truncated_bytes', 'error', 'other', 'empty'],
    ]);
    const last = decoded(fixtureRecord('CONSTRUCTED_process_kprobe_arguments.jsonl', 8).value);
    if (last.kind !== 'process_kprobe') throw new Error(last.kind);
    expect(last.args[4]).toEqual({
      kind: 'other',
      key: 'int32_list_arg',
      text: '{values:[1,2,3]}',
      label: 'newer-kind',
    });
    expect(last.args[5]).toEqual({ kind: 'empty', label: 'only-a-label' });
    expect(last.data).toEqual([{ kind: 'string', value: 'from data' }]);
    const creds = decoded(fixtureRecord('CONSTRUCTED_process_kprobe_arguments.jsonl', 6).value);
    if (creds.kind !== 'process_kprobe') throw new Error(creds.kind);
    // The deprecated KprobeUserNamespace calls uid and gid `owner` and `group`.
    expect(creds.args[5]).toEqual({
      kind: 'user_ns',
      userNs: { level: 1, uid: 1000, gid: 1000, inum: 4026532845 },
    });
  });
});

describe('tetragonDecoder value encodings', () => {
  it('keeps 64-bit integers given as strings exactly, beyond 2^53 too', () => {
    const event = decoded(fixtureRecord('CONSTRUCTED_process_tracepoint.json').value);
    expect(event.kind === 'process_tracepoint' && event.args[1]).toEqual({
      kind: 'size',
      value: '18446744073709551615',
    });
    const sized = decoded(kprobe({ args: [{ size_arg: '65536' }, { long_arg: -7 }, { int_arg: 3 }] }));
    expect(sized.kind === 'process_kprobe' && sized.args).toEqual([
      { kind: 'size', value: '65536' },
      { kind: 'long', value: '-7' },
      { kind: 'int', value: 3 },
    ]);
    expect(decoded({ process_exec: { process: { pid: '4242' } }, time: TIME })).toMatchObject({
      process: { pid: 4242 },
    });
  });

  it('rejects integers that are not decimal or would lose precision', () => {
    expect(rejection(kprobe({ args: [{ size_arg: '12a' }] }))).toMatchObject({
      code: 'KSTORM_EVENT_SHAPE',
      path: '$.process_kprobe.args[0].size_arg',
    });
    expect(rejection(kprobe({ args: [{ long_arg: 2 ** 60 }] })).path).toBe(
      '$.process_kprobe.args[0].long_arg',
    );
    expect(rejection({ process_exec: { process: { pid: 1.5 } }, time: TIME }).path).toBe(
      '$.process_exec.process.pid',
    );
  });

  it('decodes base64 bytes, and rejects text that is not standard base64', () => {
    const event = decoded(kprobe({ args: [{ bytes_arg: 'aGVsbG8Kd29ybGQ=' }, { bytes_arg: '' }] }));
    if (event.kind !== 'process_kprobe') throw new Error(event.kind);
    const [first, second] = event.args;
    expect(first?.kind === 'bytes' && new TextDecoder().decode(first.bytes)).toBe('hello\nworld');
    expect(second?.kind === 'bytes' && second.bytes.length).toBe(0);
    for (const bad of ['aGVsbG8', 'aGV*bG8=', 'aGVsbG8K=d29y', 'a===']) {
      expect(rejection(kprobe({ args: [{ bytes_arg: bad }] })), bad).toMatchObject({
        code: 'KSTORM_EVENT_SHAPE',
        path: '$.process_kprobe.args[0].bytes_arg',
      });
    }
  });

  it('reads Go nil addresses as absent and enums given as numbers as their number', () => {
    const event = decoded(
      kprobe({
        args: [{ sock_arg: { family: 26977, saddr: '<nil>', daddr: '', sport: 29806, state: 'TCP_CLOSE' } }],
      }),
    );
    expect(event.kind === 'process_kprobe' && event.args[0]).toEqual({
      kind: 'sock',
      sock: { family: '26977', sport: 29806, state: 'TCP_CLOSE' },
    });
  });
});

describe('tetragonDecoder rejections', () => {
  it('rejects an event kind it does not read, naming it briefly', () => {
    expect(rejection({ process_teleport: {}, node_name: 'n', time: TIME })).toMatchObject({
      code: 'KSTORM_EVENT_UNKNOWN_KIND',
      path: '$',
    });
    expect(rejection({ test: { arg0: '1' }, time: TIME })).toMatchObject({
      code: 'KSTORM_EVENT_UNKNOWN_KIND',
      path: '$.test',
    });
    const long = rejection({ [`process_${'x'.repeat(10_000)}`]: {}, time: TIME });
    expect(long.code).toBe('KSTORM_EVENT_UNKNOWN_KIND');
    expect(long.message.length).toBeLessThan(200);
    expect(rejection({ type: 'process_teleport', payload: {}, time: TIME })).toMatchObject({
      code: 'KSTORM_EVENT_UNKNOWN_KIND',
      path: '$.type',
    });
  });

  it('rejects mistyped fields with the JSON path to blame', () => {
    const cases: [unknown, string][] = [
      [{ process_exec: { process: { pid: 'abc' } }, time: TIME }, '$.process_exec.process.pid'],
      [{ process_exec: [], time: TIME }, '$.process_exec'],
      [{ process_exec: 'x', time: TIME }, '$.process_exec'],
      [{ process_exec: { process: [] }, time: TIME }, '$.process_exec.process'],
      [{ process_exec: { ancestors: [{}, 5] }, time: TIME }, '$.process_exec.ancestors[1]'],
      [
        { process_exec: { process: { pod: { pod_labels: { a: 1 } } } }, time: TIME },
        '$.process_exec.process.pod.pod_labels["a"]',
      ],
      [kprobe({ args: {} }), '$.process_kprobe.args'],
      [kprobe({ args: [3] }), '$.process_kprobe.args[0]'],
      [kprobe({ args: [{ file_arg: 'x' }] }), '$.process_kprobe.args[0].file_arg'],
      [kprobe({ tags: ['a', 1] }), '$.process_kprobe.tags[1]'],
      [kprobe({ action: true }), '$.process_kprobe.action'],
      [{ process_exec: {}, process_exit: {}, time: TIME }, '$'],
      [{ process_exec: {}, node_name: 7, time: TIME }, '$.node_name'],
      [{ type: 'process_exec', payload: { process: { uid: -1.5 } }, time: TIME }, '$.payload.process.uid'],
    ];
    for (const [value, path] of cases)
      expect(rejection(value), path).toMatchObject({ code: 'KSTORM_EVENT_SHAPE', path });
    expect(rejection({ process_exec: {}, time: 5 })).toMatchObject({
      code: 'KSTORM_EVENT_TIME',
      path: '$.time',
    });
  });

  it('rejects values that are not a Tetragon record at all', () => {
    for (const value of [null, 3, 'x', [], [{ process_exec: {} }], {}, { node_name: 'n', time: TIME }]) {
      expect(rejection(value).code, JSON.stringify(value)).toBe('KSTORM_EVENT_SHAPE');
    }
  });

  it('treats JSON null as absent', () => {
    const event = decoded({
      process_exec: { process: null, parent: { pid: null } },
      node_name: null,
      time: TIME,
    });
    expect(event).toMatchObject({
      kind: 'process_exec',
      node: undefined,
      process: undefined,
      parent: { pid: undefined },
    });
  });
});

describe('tetragonDecoder and prototype keys', () => {
  it('reads `__proto__` and `constructor` as plain unknown keys', () => {
    const text = `{"__proto__":{"polluted":1},"constructor":{"x":1},"process_exec":{"process":{"__proto__":{"pid":9},"constructor":"c","binary":"/bin/sh"}},"time":"${TIME}"}`;
    const event = decoded(JSON.parse(text));
    expect(event.kind === 'process_exec' && event.process).toMatchObject({
      binary: '/bin/sh',
      pid: undefined,
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('does not take a record hidden under `__proto__` for an event', () => {
    const value = JSON.parse(`{"__proto__":{"process_exec":{}},"time":"${TIME}"}`);
    expect(tetragonDecoder.recognises(value)).toBe(false);
    expect(rejection(value).code).toBe('KSTORM_EVENT_UNKNOWN_KIND');
    const arg = decoded(
      JSON.parse(`{"process_kprobe":{"args":[{"__proto__":{"int_arg":1}}]},"time":"${TIME}"}`),
    );
    expect(arg.kind === 'process_kprobe' && arg.args[0]).toEqual({
      kind: 'other',
      key: '__proto__',
      text: '{int_arg:1}',
    });
  });
});

describe('tetragonDecoder.recognises', () => {
  it('claims Tetragon records and Pixie envelopes, and nothing else', () => {
    expect(tetragonDecoder.recognises({ process_exec: {} })).toBe(true);
    expect(tetragonDecoder.recognises({ process_exec: [] })).toBe(true);
    expect(tetragonDecoder.recognises({ time: TIME, type: 'process_kprobe', payload: {} })).toBe(true);
    const others = [
      null,
      [],
      'process_exec',
      { kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: 'x' },
      { output: 'x', priority: 'Warning', rule: 'r', time: TIME, output_fields: {} },
      { type: 'alert', payload: {} },
      { time: TIME, node_name: 'n' },
    ];
    for (const value of others) expect(tetragonDecoder.recognises(value), JSON.stringify(value)).toBe(false);
  });
});
