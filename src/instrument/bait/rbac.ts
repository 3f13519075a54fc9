/**
 * A bait's service account and the rights it is deliberately over-granted: a Role and RoleBinding in
 * the bait namespace, or, with `clusterWide`, a ClusterRole and ClusterRoleBinding (cluster-scoped, so
 * named after the bait namespace too, and labelled as bait like everything else).
 */
import type { Bait, ThreatModel } from '../../threatmodel/index.js';
import { clusterMeta, labelName, namespacedMeta } from './meta.js';
import type { BaitSettings } from './settings.js';

const RBAC = 'rbac.authorization.k8s.io/v1';

/** The service account's name: `serviceAccount` from the settings, else the bait id. */
export function serviceAccountName(bait: Bait, settings: BaitSettings): string {
  return settings.serviceAccount ?? bait.id;
}

/** The ServiceAccount, with its token mounted into pods that use it unless `automount` is false. */
export function serviceAccount(
  model: ThreatModel,
  bait: Bait,
  name: string,
  automount = true,
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: namespacedMeta(model, bait, name),
    automountServiceAccountToken: automount,
  };
}

/** The (Cluster)Role granting `settings.rules` to the service account, and its binding; none without rules. */
export function grants(
  model: ThreatModel,
  bait: Bait,
  settings: BaitSettings,
  account: string,
): Record<string, unknown>[] {
  if (settings.rules.length === 0) return [];
  const rules = settings.rules.map((rule) => ({
    apiGroups: [...rule.apiGroups],
    resources: [...rule.resources],
    verbs: [...rule.verbs],
  }));
  const subjects = [{ kind: 'ServiceAccount', name: account, namespace: model.baitNamespace }];
  if (settings.clusterWide) {
    const name = labelName(model.baitNamespace, account);
    return [
      { apiVersion: RBAC, kind: 'ClusterRole', metadata: clusterMeta(model, bait, name), rules },
      {
        apiVersion: RBAC,
        kind: 'ClusterRoleBinding',
        metadata: clusterMeta(model, bait, name),
        subjects,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      },
    ];
  }
  return [
    { apiVersion: RBAC, kind: 'Role', metadata: namespacedMeta(model, bait, account), rules },
    {
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: namespacedMeta(model, bait, account),
      subjects,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: account },
    },
  ];
}
