/**
 * The demo scenario: an attacker walks the honeycluster's SSH bait, as STIX 2.1 observations with kstorm's
 * Kubernetes extensions. Until the sensors' ingest and the storm center land, this is what `npm start`
 * shows: the exact objects kstorm will emit for such an attack, validated against the STIX 2.1 schemas.
 */
import {
  bundle,
  KSTORM_EXTENSIONS,
  KSTORM_IDENTITY,
  k8sApiRequest,
  k8sContainer,
  k8sObject,
  k8sPod,
  k8sProcess,
  observedData,
  type StixObject,
  sco,
  Timestamp,
} from '../stix/index.js';

/** One step of the story, for the summary table. */
export interface DemoStep {
  readonly time: string;
  readonly what: string;
  readonly observation: string;
}

/** The demo's bundle and the steps it tells. */
export interface DemoScenario {
  readonly bundle: ReturnType<typeof bundle>;
  readonly steps: readonly DemoStep[];
}

const CLUSTER = 'honeycluster-demo';

/** Builds the scenario; `start` anchors its timeline (nanosecond offsets follow it). */
export function buildDemoScenario(
  start: Timestamp = Timestamp.parse('2026-11-23T09:00:00.000000000Z'),
): DemoScenario {
  const pod = k8sPod({
    cluster: CLUSTER,
    namespace: 'kstorm-bait',
    name: 'ssh-bait-7d4b9c',
    node_name: 'node-1',
    service_account: 'ssh-bait',
  });
  const container = k8sContainer({
    container_id: 'containerd://3f2a9c1e7b4d5a6f8e9d0c1b2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f',
    name: 'sshd',
    image: 'docker.io/linuxserver/openssh-server:latest',
    pod_ref: pod.id,
  });
  const attacker = sco('ipv4-addr', { value: '203.0.113.7' });
  const podIp = sco('ipv4-addr', { value: '10.244.1.23' });
  const ssh = sco('network-traffic', {
    src_ref: attacker.id,
    dst_ref: podIp.id,
    src_port: 50122,
    dst_port: 2222,
    protocols: ['ipv4', 'tcp'],
    start: start.toString(),
  });
  const context = {
    k8s_pod_ref: pod.id,
    k8s_container_ref: container.id,
    k8s_node_name: 'node-1',
    k8s_cluster: CLUSTER,
  };
  const sshdImage = sco('file', { name: 'sshd' });
  const sshd = k8sProcess(
    { ...context, exec_id: 'bm9kZS0xOjEwMDAwMDAwMDA6NDIx' },
    {
      pid: 421,
      command_line: '/usr/sbin/sshd -D',
      image_ref: sshdImage.id,
      opened_connection_refs: [ssh.id],
    },
  );
  const shellImage = sco('file', { name: 'bash' });
  const shell = k8sProcess(
    { ...context, exec_id: 'bm9kZS0xOjIwMDAwMDAwMDA6NTEy', parent_exec_id: sshd.exec_id },
    { pid: 512, command_line: '-bash', image_ref: shellImage.id, parent_ref: sshd.id, cwd: '/root' },
  );
  const secrets = sco('directory', { path: '/var/run/secrets/kubernetes.io/serviceaccount' });
  const token = sco('file', { name: 'token', parent_directory_ref: secrets.id });
  const catImage = sco('file', { name: 'cat' });
  const cat = k8sProcess(
    { ...context, exec_id: 'bm9kZS0xOjMwMDAwMDAwMDA6NTMw', parent_exec_id: shell.exec_id },
    {
      pid: 530,
      command_line: 'cat /var/run/secrets/kubernetes.io/serviceaccount/token',
      image_ref: catImage.id,
      parent_ref: shell.id,
    },
  );
  const serviceAccount = sco('user-account', {
    account_type: 'kubernetes-service-account',
    user_id: 'system:serviceaccount:kstorm-bait:ssh-bait',
    account_login: 'system:serviceaccount:kstorm-bait:ssh-bait',
    is_service_account: true,
  });
  const target = k8sObject({
    cluster: CLUSTER,
    api_group: '',
    api_version: 'v1',
    resource: 'persistentvolumes',
    name: 'loot',
  });
  const requestTime = start.plusSeconds(41.000000123);
  const request = k8sApiRequest({
    cluster: CLUSTER,
    audit_id: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    stage: 'ResponseComplete',
    level: 'RequestResponse',
    verb: 'create',
    request_uri: '/api/v1/persistentvolumes',
    user_ref: serviceAccount.id,
    src_refs: [podIp.id],
    user_agent: 'curl/8.5.0',
    object_ref: target.id,
    response_code: 201,
    decision: 'allow',
    request_received: requestTime.toString(),
    stage_timestamp: requestTime.plusSeconds(0.004).toString(),
  });

  const observe = (refs: string[], at: Timestamp) =>
    observedData(refs, at, at, { createdByRef: KSTORM_IDENTITY.id });
  const t1 = start;
  const t2 = start.plusSeconds(3.5);
  const t3 = start.plusSeconds(17.25);
  const o1 = observe([attacker.id, podIp.id, ssh.id, sshd.id, sshdImage.id, pod.id, container.id], t1);
  const o2 = observe([shell.id, shellImage.id, sshd.id, pod.id, container.id], t2);
  const o3 = observe([cat.id, catImage.id, token.id, secrets.id, shell.id, pod.id, container.id], t3);
  const o4 = observe([request.id, serviceAccount.id, podIp.id, target.id], requestTime);

  const objects: StixObject[] = [
    KSTORM_IDENTITY,
    ...KSTORM_EXTENSIONS.map((e) => e.definition),
    pod,
    container,
    attacker,
    podIp,
    ssh,
    sshdImage,
    sshd,
    shellImage,
    shell,
    secrets,
    token,
    catImage,
    cat,
    serviceAccount,
    target,
    request,
    o1,
    o2,
    o3,
    o4,
  ] as StixObject[];
  return {
    bundle: bundle(objects),
    steps: [
      {
        time: t1.toString(),
        what: 'SSH connection from 203.0.113.7 to the bait pod kstorm-bait/ssh-bait-7d4b9c',
        observation: o1.id,
      },
      {
        time: t2.toString(),
        what: 'sshd spawns a login shell (-bash) in the sshd container',
        observation: o2.id,
      },
      { time: t3.toString(), what: 'the shell reads the service account token', observation: o3.id },
      {
        time: requestTime.toString(),
        what: 'the service account creates a PersistentVolume through the API',
        observation: o4.id,
      },
    ],
  };
}
