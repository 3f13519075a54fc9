/**
 * `decoy-credentials`: a pod with fake credential files at the paths the model names, each mounted from
 * one key of a Secret. The Secret, the Deployment and its pods carry `kstorm.dev/decoy: "true"` so
 * nobody mistakes the canaries for real secrets.
 */
import type { Bait, ThreatModel } from '../../threatmodel/index.js';
import { canaryContent } from './canaries.js';
import { baitLabels, DECOY_ANNOTATION, labelName, namespacedMeta, podSelector } from './meta.js';
import type { BaitSettings, CredentialFormat } from './settings.js';

export const DEFAULT_DECOY_IMAGE = 'docker.io/library/alpine:3.20';
/** Used when the bait names no files. */
export const DEFAULT_DECOY_FILES: readonly { readonly path: string; readonly format: CredentialFormat }[] = [
  { path: '/root/.aws/credentials', format: 'aws-credentials' },
];
/** Keeps the default image's container alive (its shell lets an intruder look around). */
export const IDLE_COMMAND: readonly string[] = ['/bin/sh', '-c', 'exec tail -f /dev/null'];

const DECOY = { [DECOY_ANNOTATION]: 'true' } as const;

/** A pod that only idles: the default image with the idle command, or the model's image as it is. */
export function idleContainer(name: string, image: string | undefined): Record<string, unknown> {
  return {
    name,
    image: image ?? DEFAULT_DECOY_IMAGE,
    ...(image === undefined ? { command: [...IDLE_COMMAND] } : {}),
  };
}

/** The manifests of one decoy-credentials bait. */
export function decoyCredentials(
  model: ThreatModel,
  bait: Bait,
  settings: BaitSettings,
): Record<string, unknown>[] {
  const files = settings.files.length > 0 ? settings.files : DEFAULT_DECOY_FILES;
  const secret = labelName(bait.id, 'files');
  const keys = files.map((_, index) => `file-${index}`);
  const stringData = Object.fromEntries(
    files.map((file, index) => [
      keys[index],
      canaryContent(file.format, `${model.metadata.name}/${bait.id}/${index}`),
    ]),
  );
  const container = {
    ...idleContainer('decoy', settings.image),
    volumeMounts: files.map((file, index) => ({
      name: 'decoy-files',
      mountPath: file.path,
      subPath: keys[index],
      readOnly: true,
    })),
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: namespacedMeta(model, bait, secret, DECOY),
      type: 'Opaque',
      stringData,
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: namespacedMeta(model, bait, bait.id, DECOY),
      spec: {
        replicas: 1,
        selector: { matchLabels: podSelector(bait) },
        template: {
          metadata: { labels: baitLabels(model, bait), annotations: { ...DECOY } },
          spec: {
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: 1,
            containers: [container],
            volumes: [{ name: 'decoy-files', secret: { secretName: secret, defaultMode: 0o600 } }],
          },
        },
      },
    },
  ];
}
