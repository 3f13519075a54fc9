import { describe, expect, it } from 'vitest';
import { fixtureRecord, readFixture } from '../../sources/tetragon/fixtures.test-support.js';
import { tetragonDecoder } from '../../sources/tetragon/index.js';
import { LineageTracker } from '../lineage.js';
import type { NormalisedEvent } from '../model.js';
import type { NormaliseContext, Normalised } from '../types.js';
import { normaliseTetragon } from './index.js';

function normalise(
  value: unknown,
  context: NormaliseContext = { lineage: new LineageTracker() },
): Normalised {
  const [decoded] = tetragonDecoder.decode(value);
  if (decoded === undefined || !decoded.ok) throw new Error(`not decoded: ${JSON.stringify(decoded)}`);
  return normaliseTetragon(decoded.event, 'raw text', context);
}

function event(value: unknown, context?: NormaliseContext): NormalisedEvent {
  const result = normalise(value, context);
  if (!result.ok) throw new Error(`rejected: ${result.rejection.message}`);
  return result.event;
}

const fixture = (name: string, line = 1) => fixtureRecord(name, line).value;
const CONSTRUCTED_KPROBES = 'CONSTRUCTED_process_kprobe_arguments.jsonl';

describe('normaliseTetragon: process, pod and container', () => {
  it('maps an exec with its pod, container, process and parent', () => {
    const exec = event(fixture('cilium-tetragon/testdata-events.jsonl', 2));
    expect(exec.source).toBe('tetragon');
    expect(exec.kind).toBe('process_exec');
    expect(exec.time.toString()).toBe('2022-10-18T03:16:21.373327754Z');
    expect(exec.node).toBe('my-node');
    expect(exec.raw).toBe('raw text');
    expect(exec.pod).toEqual({
      namespace: 'default',
      name: 'deathstar-6f87496b94-qdlh8',
      labels: {
        'app.kubernetes.io/name': 'deathstar',
        class: 'deathstar',
        org: 'empire',
        'pod-template-hash': '6f87496b94',
      },
    });
    expect(exec.container).toEqual({
      id: 'containerd://16ecce28d6808e01f6b91f990b07616c0fc8dff67036231f9911191c7ff3d1cd',
      runtime: 'containerd',
      name: 'deathstar',
      image: 'docker.io/cilium/starwars:latest',
      imageId:
        'docker.io/cilium/starwars@sha256:f92c8cd25372bac56f55111469fe9862bf682385a4227645f5af155eee7f58d9',
    });
    expect(exec.process).toMatchObject({
      execId: 'Z2tlLW1pY2hpLTIyMDM4LWRlZmF1bHQtcG9vbC00MzczMGZhYi1sOHpyOjEzNjY4OTIyNDA1MTg4OjY4ODYy',
      pid: 68862,
      parentPid: 68635,
      uid: 0,
      auid: 4294967295,
      binary: '/starwars-docker',
      arguments: '--port 80 --host 0.0.0.0',
      cwd: '/',
      flags: 'execve rootcwd clone',
    });
    expect(exec.process?.startTime?.toString()).toBe('2022-10-18T03:16:21.373328662Z');
    expect(exec.lineage?.map((p) => p.binary)).toEqual(['/usr/bin/containerd-shim-runc-v2']);
    expect(exec.detection).toBeUndefined();
  });

  it('takes workload, workload kind, pod uid, privilege and cluster when reported', () => {
    const exec = event(fixture('CONSTRUCTED_process_exec_ancestors.json'));
    expect(exec.cluster).toBe('honeycluster-eu1');
    expect(exec.pod).toMatchObject({
      uid: '5f1e8f3a-3c1b-4f0e-9d7a-2b6c1e9a7d42',
      workloadName: 'web',
      workloadKind: 'Deployment',
    });
    expect(exec.container?.privileged).toBe(true);
  });

  it('uses Tetragon ancestors after the parent, nearest first', () => {
    const exec = event(fixture('CONSTRUCTED_process_exec_ancestors.json'));
    expect(exec.lineage?.map((p) => p.binary)).toEqual([
      '/bin/bash',
      '/bin/sh',
      '/usr/bin/containerd-shim-runc-v2',
    ]);
  });

  it('leaves out a process reported as {} and sets no severity', () => {
    // The fragment has no time; one is added so that the rest of it can be normalised.
    const fragment = fixture('cilium-tetragon/docs/FRAGMENT_selectors__50__process_lsm.json') as object;
    const result = event({ ...fragment, time: '2024-01-01T00:00:00Z' });
    expect(result.process).toBeUndefined();
    expect(result.lineage).toBeUndefined();
    expect(result.detection?.severity).toBeUndefined();
  });
});

describe('normaliseTetragon: lineage across events', () => {
  const NODE = 'bm9kZQ';
  const proc = (id: string, binary: string, parent?: string) => ({
    exec_id: `${NODE}${id}`,
    binary,
    ...(parent === undefined ? {} : { parent_exec_id: `${NODE}${parent}` }),
  });
  const time = '2026-01-01T00:00:00Z';

  it('rebuilds [B, A] for a kprobe in C that reports only its parent B', () => {
    const context = { lineage: new LineageTracker() };
    event({ process_exec: { process: proc('A', '/bin/a', 'unknown') }, time }, context);
    event(
      { process_exec: { process: proc('B', '/bin/b', 'A'), parent: proc('A', '/bin/a', 'unknown') }, time },
      context,
    );
    const kprobe = event(
      {
        process_kprobe: {
          process: proc('C', '/bin/c', 'B'),
          parent: proc('B', '/bin/b', 'A'),
          function_name: 'f',
        },
        time,
      },
      context,
    );
    expect(kprobe.lineage?.map((p) => p.binary)).toEqual(['/bin/b', '/bin/a']);
    expect(context.lineage.get(`${NODE}C`)?.binary).toBe('/bin/c');
  });

  it('rebuilds from the process alone when the parent object is missing', () => {
    const context = { lineage: new LineageTracker() };
    event(
      { process_exec: { process: proc('B', '/bin/b', 'A'), parent: proc('A', '/bin/a') }, time },
      context,
    );
    const kprobe = event({ process_kprobe: { process: proc('C', '/bin/c', 'B') }, time }, context);
    expect(kprobe.lineage?.map((p) => p.binary)).toEqual(['/bin/b', '/bin/a']);
  });

  it('stops at the kernel, which Tetragon reports as its own parent', () => {
    const context = { lineage: new LineageTracker() };
    const first = event(fixture('cilium-tetragon/docs/linux-kernel-modules__10__process_exec.json'), context);
    const again = event(
      fixture('cilium-tetragon/docs/linux-kernel-modules__11__process_kprobe.json'),
      context,
    );
    expect(first.lineage?.map((p) => p.binary)).toEqual(['<kernel>']);
    expect(again.lineage?.map((p) => p.binary)).toEqual(['<kernel>']);
  });
});

describe('normaliseTetragon: time', () => {
  it('falls back to an exec process start, and to an exit own time', () => {
    const exec = event(fixture('cilium-tetragon/testdata-events.jsonl', 1));
    expect(exec.time.toString()).toBe('2022-10-18T03:16:18.273546829Z');
    const exit = event(fixture('CONSTRUCTED_process_exit.jsonl', 2));
    expect(exit.time.toString()).toBe('2026-03-02T10:06:00.5Z');
  });

  it('rejects a record with no time, or a time that is not RFC 3339, quoting at most 80 characters', () => {
    for (const name of [
      'cilium-tetragon/docs/FRAGMENT_selectors__50__process_lsm.json',
      'k8sstormcenter/tetragon-process-kprobe-example.json',
    ]) {
      expect(normalise(fixture(name))).toEqual({
        ok: false,
        rejection: { code: 'KSTORM_EVENT_TIME', message: '$.time is missing.', path: '$.time' },
      });
    }
    const bad = normalise({ process_exec: {}, time: `2024-13-01T00:00:00Z${'x'.repeat(5000)}` });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.rejection.code).toBe('KSTORM_EVENT_TIME');
      expect(bad.rejection.message.length).toBeLessThan(140);
    }
  });

  it('keeps nanoseconds, and takes the Pixie envelope time', () => {
    const kprobe = event(fixture('k8sstormcenter/tetragon-pixie-filesource.jsonl', 3));
    expect(kprobe.time.epochNanos).toBe(1745403752067045980n);
    expect(kprobe.node).toBe('gke-k8s-caas-0008-beta-user-pool-40badfb2-d52w');
  });
});

describe('normaliseTetragon: hooks, files and detection', () => {
  it('maps a kprobe file_arg to a file touched by the hook', () => {
    const kprobe = event(fixture('cilium-tetragon/docs/filename-access__6__process_kprobe.json'));
    expect(kprobe.files).toEqual([
      { path: '/etc/passwd', operation: 'security_file_permission', flags: '-rw-r--r--' },
    ]);
    expect(kprobe.detection).toEqual({
      hook: 'security_file_permission',
      policy: 'file-monitoring',
      action: 'KPROBE_ACTION_POST',
      returnValue: '0',
      arguments: ['int:2'],
    });
  });

  it('maps a path_arg with open flags and permission, and an AF_UNIX address to a file', () => {
    expect(event(fixture(CONSTRUCTED_KPROBES, 5)).files).toEqual([
      {
        path: '/etc/kubernetes/manifests/kube-apiserver.yaml',
        operation: 'security_path_truncate',
        flags: 'O_WRONLY -rw-------',
      },
    ]);
    expect(event(fixture(CONSTRUCTED_KPROBES, 4)).files).toEqual([
      { path: '/run/containerd/containerd.sock', operation: 'security_socket_connect' },
    ]);
  });

  it('names tracepoint, LSM, uprobe and USDT hooks', () => {
    const tracepoint = event(fixture('CONSTRUCTED_process_tracepoint.json'));
    expect(tracepoint.detection).toMatchObject({
      hook: 'raw_syscalls/sys_enter',
      policy: 'raw-syscalls',
      tags: ['observability.syscalls'],
      arguments: ['syscall_id:id=59 abi=x64', 'size:18446744073709551615'],
    });
    const lsm = {
      ...(fixture('cilium-tetragon/docs/FRAGMENT_selectors__50__process_lsm.json') as object),
      time: '2024-01-01T00:00:00Z',
    };
    expect(event(lsm)).toMatchObject({
      files: [{ path: '/usr/bin/grep', operation: 'bprm_check_security', flags: '-rwxr-xr-x' }],
      detection: {
        hook: 'bprm_check_security',
        policy: 'file-integrity-monitoring',
        arguments: ['ima_hash:sha256:73abb4280520053564fd4917286909ba3b054598b32c9cdfaf1d733e0202cc96'],
      },
    });
    expect(event(fixture('CONSTRUCTED_process_uprobe.json')).detection).toMatchObject({
      hook: '/bin/bash:readline',
      arguments: ['line=string:cat /etc/shadow'],
    });
    expect(event(fixture('CONSTRUCTED_process_usdt.json')).detection).toMatchObject({
      hook: '/usr/lib/x86_64-linux-gnu/libc.so.6:libc:setjmp',
      arguments: ['int:1', 'long:-2'],
    });
  });

  it('renders the other arguments as short text, label first, with message, tags and return value', () => {
    expect(event(fixture(CONSTRUCTED_KPROBES, 1)).detection).toEqual({
      hook: 'security_socket_connect',
      policy: 'security-socket-connect',
      action: 'KPROBE_ACTION_POST',
      message: 'connection to the cloud metadata service',
      tags: ['T1552.005', 'cloud'],
      returnValue: '0',
      arguments: ['addrlen=int:16'],
    });
    expect(event(fixture(CONSTRUCTED_KPROBES, 8)).detection?.arguments).toEqual([
      'net_dev:eth0',
      'long:-9223372036854775808',
      'truncated_bytes(4096):GET / HTTP/1.1\\r\\nHost: x\\r\\n\\x00\\xff',
      'error:failed to read argument',
      'newer-kind=int32_list_arg:{values:[1,2,3]}',
      'only-a-label=empty',
      'string:from data',
    ]);
  });

  it('shows bytes as escaped text, bounded', () => {
    const write = event(fixture('cilium-tetragon/book/00_four_golden_signals/process_kprobe.json'));
    const [bytes, size] = write.detection?.arguments ?? [];
    expect(bytes?.startsWith('bytes(627):daemon:x:2:2:daemon:/sbin:/sbin/nologin\\nadm:x:3:4:')).toBe(true);
    expect(bytes?.endsWith('…')).toBe(true);
    expect(size).toBe('size:627');
  });

  it('reports an exit signal and status, a throttle, a loader and dropped events', () => {
    expect(event(fixture('CONSTRUCTED_process_exit.jsonl', 1)).detection).toEqual({
      arguments: ['signal:SIGKILL'],
    });
    expect(event(fixture('CONSTRUCTED_process_exit.jsonl', 2)).detection).toEqual({
      arguments: ['status:127'],
    });
    expect(
      event(fixture('cilium-tetragon/docs/process-execution__5__process_exit.json')).detection,
    ).toBeUndefined();
    const throttle = event(fixture('cilium-tetragon/docs/cgroup-rate__1__process_throttle.json'));
    expect(throttle.process).toBeUndefined();
    expect(throttle.detection).toEqual({
      arguments: ['throttle:THROTTLE_START', 'cgroup:session-429.scope'],
    });
    expect(event(fixture('CONSTRUCTED_process_loader.json'))).toMatchObject({
      files: [{ path: '/usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0', operation: 'load' }],
      detection: { arguments: ['buildid:6f1d2e3c4b5a69788796a5b4c3d2e1f00f1e2d3c'] },
    });
    expect(event(fixture('CONSTRUCTED_rate_limit_info.json')).detection).toEqual({
      arguments: ['dropped_process_events:1234'],
    });
  });
});

describe('normaliseTetragon: connections', () => {
  it('maps a tcp_connect sock_arg: lower-case protocol, local end as source', () => {
    const connect = event(fixture('k8sstormcenter/tetragon-calibration-events.jsonl', 2));
    expect(connect.connections).toEqual([
      { protocol: 'tcp', srcIp: '10.244.0.31', srcPort: 37054, dstIp: '10.96.0.1', dstPort: 443 },
    ]);
    expect(connect.detection?.arguments).toBeUndefined();
  });

  it('makes the peer the source on an accept, IPv6 included', () => {
    expect(event(fixture(CONSTRUCTED_KPROBES, 2)).connections).toEqual([
      { protocol: 'tcp', srcIp: '2001:db8::7', srcPort: 51514, dstIp: 'fd00:10:244::12', dstPort: 22 },
    ]);
  });

  it('maps a sockaddr to a destination, an skb to its header, and the aggregation count', () => {
    expect(event(fixture(CONSTRUCTED_KPROBES, 1)).connections).toEqual([
      { dstIp: '169.254.169.254', dstPort: 80 },
    ]);
    expect(event(fixture(CONSTRUCTED_KPROBES, 3)).connections).toEqual([
      { protocol: 'udp', srcIp: '10.244.1.7', srcPort: 40123, dstIp: '10.96.0.10', dstPort: 53 },
    ]);
    const aggregated = event(fixture('CONSTRUCTED_process_kprobe_aggregated.json'));
    expect(aggregated.cluster).toBe('honeycluster-eu1');
    expect(aggregated.detection?.arguments).toEqual(['aggregation_count:3']);
  });

  it('keeps a socket of no Internet family as text, not as a connection', () => {
    const garbage = event(fixture('k8sstormcenter/tetragon-calibration-events.jsonl', 10));
    expect(garbage.connections).toBeUndefined();
    expect(garbage.detection?.arguments).toEqual([
      'int:6',
      'sock:family=26977 type=0 protocol=IPPROTO_IP state=110 sport=29806 dport=25455',
      'int:39',
    ]);
  });

  it('drops addresses that do not fit the family and ports out of range', () => {
    const sock = {
      family: 'AF_INET',
      protocol: 'IPPROTO_IP',
      type: 'SOCK_DGRAM',
      saddr: '::1',
      daddr: '300.1.1.1',
      sport: 0,
      dport: 70000,
    };
    const value = {
      process_kprobe: { function_name: 'udp_sendmsg', args: [{ sock_arg: sock }] },
      time: '2024-01-01T00:00:00Z',
    };
    const result = event(value);
    expect(result.connections).toBeUndefined();
    expect(result.detection?.arguments?.[0]).toMatch(/^sock:family=AF_INET /);
  });

  it('maps the Enterprise connect, listen and close events', () => {
    expect(
      event(fixture('cilium-tetragon/book/00_four_golden_signals/process_connect.json')).connections,
    ).toEqual([
      { protocol: 'tcp', srcIp: '10.88.0.7', srcPort: 49168, dstIp: '142.250.180.196', dstPort: 80 },
    ]);
    expect(
      event(fixture('cilium-tetragon/book/00_four_golden_signals/process_listen.json')).connections,
    ).toEqual([{ protocol: 'tcp', dstIp: '0.0.0.0', dstPort: 9080 }]);
    const close = event(fixture('cilium-tetragon/book/00_four_golden_signals/process_close.json'));
    expect(close.detection?.arguments).toEqual([
      'bytes_sent:78',
      'bytes_received:15221',
      'segs_in:14',
      'segs_out:9',
      'srtt:699229',
    ]);
  });
});

describe('normaliseTetragon on every fixture', () => {
  it('normalises every fixture record but the two without any time', () => {
    const context = { lineage: new LineageTracker() };
    const rejected: string[] = [];
    let accepted = 0;
    for (const name of [
      'cilium-tetragon/testdata-events.jsonl',
      'k8sstormcenter/tetragon-calibration-events.jsonl',
      'k8sstormcenter/tetragon-pixie-filesource.jsonl',
      'k8sstormcenter/tetragon-process-kprobe-example.json',
      'cilium-tetragon/docs/FRAGMENT_selectors__50__process_lsm.json',
      CONSTRUCTED_KPROBES,
    ]) {
      for (const record of readFixture(name)) {
        const result = normalise(record.value, context);
        if (result.ok) accepted += 1;
        else rejected.push(name);
      }
    }
    expect(accepted).toBe(3 + 39 + 13 + 8);
    expect(rejected).toEqual([
      'k8sstormcenter/tetragon-process-kprobe-example.json',
      'cilium-tetragon/docs/FRAGMENT_selectors__50__process_lsm.json',
    ]);
  });
});
