/**
 * `weak-ssh`: an SSH server with a guessable login, running as an over-privileged service account whose
 * token is mounted — the honeycluster's classic way in. The default image is stock Alpine that installs
 * OpenSSH when it starts (so it needs egress to the Alpine mirror); the login comes from a Secret through
 * the environment, never through the script text.
 */
import type { Bait, ThreatModel } from '../../threatmodel/index.js';
import { baitLabels, labelName, namespacedMeta, podSelector } from './meta.js';
import { grants, serviceAccount, serviceAccountName } from './rbac.js';
import type { BaitSettings } from './settings.js';

export const DEFAULT_SSH_IMAGE = 'docker.io/library/alpine:3.20';
export const DEFAULT_SSH_USER = 'root';
export const DEFAULT_SSH_PASSWORD = 'root';
export const DEFAULT_SSH_PORT = 22;

/** Run by the default image: install sshd, set the login from the environment, allow passwords. */
export const SSH_STARTUP_SCRIPT = [
  'set -eu',
  'apk add --no-cache openssh-server openssh-sftp-server >/dev/null',
  'ssh-keygen -A >/dev/null',
  'if [ "$SSH_USER" != root ]; then adduser -D -s /bin/sh "$SSH_USER"; fi',
  'printf "%s:%s\\n" "$SSH_USER" "$SSH_PASSWORD" | chpasswd',
  'printf "Port %s\\nPermitRootLogin yes\\nPasswordAuthentication yes\\nSubsystem sftp /usr/lib/ssh/sftp-server\\n" "$SSH_PORT" > /etc/ssh/kstorm_sshd_config',
  'exec /usr/sbin/sshd -D -e -f /etc/ssh/kstorm_sshd_config',
].join('\n');

/** The manifests of one weak-SSH bait. */
export function weakSsh(model: ThreatModel, bait: Bait, settings: BaitSettings): Record<string, unknown>[] {
  const account = serviceAccountName(bait, settings);
  const loginSecret = labelName(bait.id, 'login');
  const port = settings.port ?? DEFAULT_SSH_PORT;
  const fromSecret = (name: string, key: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: loginSecret, key } },
  });
  const container = {
    name: 'sshd',
    image: settings.image ?? DEFAULT_SSH_IMAGE,
    ...(settings.image === undefined ? { command: ['/bin/sh', '-c', SSH_STARTUP_SCRIPT] } : {}),
    env: [
      fromSecret('SSH_USER', 'username'),
      fromSecret('SSH_PASSWORD', 'password'),
      { name: 'SSH_PORT', value: String(port) },
    ],
    ports: [{ name: 'ssh', containerPort: port, protocol: 'TCP' }],
    readinessProbe: { tcpSocket: { port: 'ssh' }, periodSeconds: 10 },
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: namespacedMeta(model, bait, loginSecret),
      type: 'kubernetes.io/basic-auth',
      stringData: {
        username: settings.user ?? DEFAULT_SSH_USER,
        password: settings.password ?? DEFAULT_SSH_PASSWORD,
      },
    },
    serviceAccount(model, bait, account),
    ...grants(model, bait, settings, account),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: namespacedMeta(model, bait, bait.id),
      spec: {
        replicas: 1,
        selector: { matchLabels: podSelector(bait) },
        template: {
          metadata: { labels: baitLabels(model, bait) },
          spec: { serviceAccountName: account, automountServiceAccountToken: true, containers: [container] },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: namespacedMeta(model, bait, bait.id),
      spec: {
        type: settings.nodePort === undefined ? 'ClusterIP' : 'NodePort',
        selector: podSelector(bait),
        ports: [
          {
            name: 'ssh',
            port,
            targetPort: 'ssh',
            protocol: 'TCP',
            ...(settings.nodePort === undefined ? {} : { nodePort: settings.nodePort }),
          },
        ],
      },
    },
  ];
}
