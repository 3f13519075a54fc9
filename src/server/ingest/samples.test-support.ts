/**
 * Small sensor records for the ingest server tests, written by kstorm from each sensor's documented
 * format (audit.k8s.io/v1 Event, Falco JSON output / falcosidekick body, Kubescape node-agent stdout
 * and HTTP exporter `RuntimeAlerts`, Tetragon `GetEventsResponse` JSON); no upstream text is copied.
 */

/** One audit Event as the kube-apiserver logs it at level Metadata. */
export function auditEvent(auditId: string, verb: string, resource: string, name: string): object {
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: auditId,
    stage: 'ResponseComplete',
    requestURI: `/api/v1/namespaces/ssh/${resource}/${name}`,
    verb,
    user: {
      username: 'system:serviceaccount:ssh:ssh-proxy',
      uid: '5b0ab7a4-6c1e-4d3c-9b8e-0d2f3c4b5a61',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:ssh', 'system:authenticated'],
    },
    sourceIPs: ['10.244.1.17'],
    userAgent: 'kubectl/v1.31.0 (linux/amd64) kubernetes/9edcffc',
    objectRef: { resource, namespace: 'ssh', name, apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: '2026-01-31T12:00:00.123456Z',
    stageTimestamp: '2026-01-31T12:00:00.130001Z',
    annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' },
  };
}

/** The webhook backend's body: an EventList of `count` events, compact as the apiserver sends it. */
export function auditEventList(count: number): string {
  const items = Array.from({ length: count }, (_, index) =>
    auditEvent(
      `0f0e0d0c-0b0a-4908-8706-05040302${String(index).padStart(4, '0')}`,
      'get',
      'secrets',
      `token-${index}`,
    ),
  );
  return JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items });
}

/** A Falco alert as `http_output` (and falcosidekick's webhook) posts it. */
export function falcoAlert(file = '/etc/shadow'): string {
  return JSON.stringify({
    hostname: 'worker-1',
    output: `12:00:01.000000001: Warning Sensitive file opened for reading by non-trusted program (file=${file} process=cat)`,
    output_fields: {
      'container.id': '3ad7b26ded6d',
      'evt.time': 1769860801000000000,
      'evt.type': 'openat',
      'fd.name': file,
      'k8s.ns.name': 'ssh',
      'k8s.pod.name': 'ssh-proxy',
      'proc.cmdline': `cat ${file}`,
      'proc.exepath': '/usr/bin/cat',
      'proc.name': 'cat',
      'proc.pid': 4242,
      'user.name': 'root',
      'user.uid': 0,
    },
    priority: 'Warning',
    rule: 'Read sensitive file untrusted',
    source: 'syscall',
    tags: ['T1555', 'container', 'filesystem', 'host', 'maturity_stable', 'mitre_credential_access'],
    time: '2026-01-31T12:00:01.000000001Z',
  });
}

const KUBESCAPE_K8S = {
  clusterName: 'honeycluster',
  namespace: 'ssh',
  podName: 'ssh-proxy',
  podNamespace: 'ssh',
  containerName: 'ssh-proxy',
  containerID: '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
  image: 'docker.io/library/ssh-proxy:1.0',
  workloadName: 'ssh-proxy',
  workloadNamespace: 'ssh',
  workloadKind: 'Pod',
};

/** A node-agent stdout exporter line: one alert. */
export function kubescapeStdoutAlert(): string {
  return JSON.stringify({
    BaseRuntimeMetadata: {
      alertName: 'Unexpected process launched',
      arguments: { args: ['/bin/sh', '-c', 'id'], exec: '/bin/sh' },
      infectedPID: 51234,
      severity: 5,
      timestamp: '2026-01-31T12:00:02.000000002Z',
      trace: {},
    },
    CloudMetadata: null,
    RuleID: 'R0001',
    RuntimeK8sDetails: KUBESCAPE_K8S,
    RuntimeProcessDetails: {
      processTree: {
        pid: 51234,
        cmdline: '/bin/sh -c id',
        comm: 'sh',
        ppid: 51200,
        pcomm: 'sshd',
        uid: 0,
        gid: 0,
      },
      containerID: KUBESCAPE_K8S.containerID,
    },
    level: 'error',
    message: 'Unexpected process launched: /bin/sh',
    msg: 'Unexpected process launched',
    time: '2026-01-31T12:00:02Z',
  });
}

/** The node-agent HTTP exporter's body: a `RuntimeAlerts` batch of `count` alerts. */
export function kubescapeBatch(count: number): string {
  const alerts = Array.from({ length: count }, (_, index) => ({
    alertName: 'Unexpected file access',
    arguments: { flags: ['O_RDONLY'], path: `/etc/secret-${index}` },
    infectedPID: 51234,
    severity: 1,
    timestamp: '2026-01-31T12:00:03.000000003Z',
    trace: {},
    ruleID: 'R0002',
    message: `Unexpected file access: /etc/secret-${index} with flags O_RDONLY`,
    ...KUBESCAPE_K8S,
  }));
  return JSON.stringify({
    kind: 'RuntimeAlerts',
    apiVersion: 'kubescape.io/v1',
    spec: {
      alerts,
      processTree: {
        processTree: {
          pid: 51234,
          cmdline: 'cat /etc/secret',
          comm: 'cat',
          ppid: 51200,
          pcomm: 'sh',
          uid: 0,
          gid: 0,
        },
        containerID: KUBESCAPE_K8S.containerID,
      },
    },
  });
}

/** A Tetragon `process_exec` export line. */
export function tetragonExec(pid: number, binary = '/usr/bin/cat', args = '/etc/shadow'): string {
  const execId = Buffer.from(`worker-1:${pid}000000:${pid}`).toString('base64');
  const parentId = Buffer.from('worker-1:51200000000:51200').toString('base64');
  return JSON.stringify({
    process_exec: {
      process: {
        exec_id: execId,
        pid,
        uid: 0,
        cwd: '/',
        binary,
        arguments: args,
        flags: 'execve clone',
        start_time: '2026-01-31T12:00:04.000000004Z',
        auid: 4294967295,
        pod: {
          namespace: 'ssh',
          name: 'ssh-proxy',
          container: {
            id: `containerd://${KUBESCAPE_K8S.containerID}`,
            name: 'ssh-proxy',
            image: {
              id: `docker.io/library/ssh-proxy@sha256:${'ab'.repeat(32)}`,
              name: 'docker.io/library/ssh-proxy:1.0',
            },
            start_time: '2026-01-31T11:00:00Z',
            pid: 7,
          },
          workload: 'ssh-proxy',
          workload_kind: 'Pod',
        },
        docker: KUBESCAPE_K8S.containerID.slice(0, 31),
        parent_exec_id: parentId,
        tid: pid,
      },
      parent: { exec_id: parentId, pid: 51200, uid: 0, cwd: '/', binary: '/bin/sh', flags: 'execve clone' },
    },
    node_name: 'worker-1',
    time: '2026-01-31T12:00:04.000000004Z',
  });
}
