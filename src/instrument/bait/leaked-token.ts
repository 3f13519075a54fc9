/**
 * `leaked-token`: a service account with a long-lived token Secret (`kubernetes.io/service-account-token`,
 * filled in by the token controller) and a leak that points an intruder at it: the token in a decoy pod's
 * environment (`pod-env`, the default), the Secret's name in a decoy Deployment's annotations
 * (`annotation`), or a ConfigMap telling how to read it (`configmap`). The token value itself does not
 * exist until the cluster creates it, so only `pod-env` carries it; the others name where it is.
 */
import type { Bait, ThreatModel } from '../../threatmodel/index.js';
import { idleContainer } from './decoy-credentials.js';
import { baitLabels, labelName, namespacedMeta, podSelector } from './meta.js';
import { grants, serviceAccount, serviceAccountName } from './rbac.js';
import type { BaitSettings, LeakPlace } from './settings.js';

export const DEFAULT_LEAK: LeakPlace = 'pod-env';
/** Annotation keys of the `annotation` leak: what a careless CI setup might leave on a Deployment. */
export const LEAK_SECRET_ANNOTATION = 'deploy-token-secret';
export const LEAK_NAMESPACE_ANNOTATION = 'deploy-token-namespace';

function decoyDeployment(
  model: ThreatModel,
  bait: Bait,
  container: Record<string, unknown>,
  annotations?: Readonly<Record<string, string>>,
): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: namespacedMeta(model, bait, bait.id, annotations),
    spec: {
      replicas: 1,
      selector: { matchLabels: podSelector(bait) },
      template: {
        metadata: { labels: baitLabels(model, bait) },
        spec: {
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: 1,
          containers: [container],
        },
      },
    },
  };
}

function leak(
  model: ThreatModel,
  bait: Bait,
  settings: BaitSettings,
  tokenSecret: string,
): Record<string, unknown> {
  const place = settings.leakedIn ?? DEFAULT_LEAK;
  if (place === 'pod-env') {
    const container = {
      ...idleContainer('app', settings.image),
      env: [{ name: 'KUBE_TOKEN', valueFrom: { secretKeyRef: { name: tokenSecret, key: 'token' } } }],
    };
    return decoyDeployment(model, bait, container);
  }
  if (place === 'annotation') {
    return decoyDeployment(model, bait, idleContainer('app', settings.image), {
      [LEAK_SECRET_ANNOTATION]: tokenSecret,
      [LEAK_NAMESPACE_ANNOTATION]: model.baitNamespace,
    });
  }
  const notes = [
    '# Deploy notes',
    '',
    `The CI deploy token lives in the Secret ${tokenSecret} (namespace ${model.baitNamespace}). Read it with:`,
    '',
    `    kubectl -n ${model.baitNamespace} get secret ${tokenSecret} -o jsonpath='{.data.token}' | base64 -d`,
    '',
  ].join('\n');
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: namespacedMeta(model, bait, labelName(bait.id, 'deploy-notes')),
    data: { 'README.md': notes },
  };
}

/** The manifests of one leaked-token bait. */
export function leakedToken(
  model: ThreatModel,
  bait: Bait,
  settings: BaitSettings,
): Record<string, unknown>[] {
  const account = serviceAccountName(bait, settings);
  const tokenSecret = labelName(account, 'token');
  return [
    serviceAccount(model, bait, account, false),
    ...grants(model, bait, settings, account),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: namespacedMeta(model, bait, tokenSecret, { 'kubernetes.io/service-account.name': account }),
      type: 'kubernetes.io/service-account-token',
    },
    leak(model, bait, settings, tokenSecret),
  ];
}
