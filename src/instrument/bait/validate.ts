/**
 * Structural checks on bait manifests before they are written. Bait is deliberately weak, so the checks
 * are about containment: every resource is labelled as kstorm bait, namespaced ones sit in the bait
 * namespace, only the Namespace and cluster RBAC are cluster-scoped, bindings grant only bait service
 * accounts, and no two resources share a kind, namespace and name.
 */
import { BAIT_LABEL, GENERATED_BY_LABEL, GENERATED_BY_VALUE, type InstrumentProblem } from '../types.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** The only cluster-scoped kinds bait may create. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
]);
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);
const BINDINGS = new Set(['RoleBinding', 'ClusterRoleBinding']);

type Json = Readonly<Record<string, unknown>>;

function object(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** The problems of a set of bait manifests meant for `namespace` (empty when they are sound). */
export function validateBaitManifests(manifests: readonly unknown[], namespace: string): InstrumentProblem[] {
  const problems: InstrumentProblem[] = [];
  const seen = new Set<string>();
  manifests.forEach((manifest, index) => {
    const doc = object(manifest);
    const kind = typeof doc['kind'] === 'string' ? doc['kind'] : '';
    const metadata = object(doc['metadata']);
    const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
    const what = `bait manifest ${index} (${kind || 'no kind'} ${name || 'no name'})`;
    const invalid = (path: string, message: string) =>
      problems.push({
        code: 'KSTORM_INSTRUMENT_INVALID',
        severity: 'error',
        message: `${what}: ${message}`,
        path: `/${index}${path}`,
      });
    if (typeof doc['apiVersion'] !== 'string' || doc['apiVersion'] === '')
      invalid('/apiVersion', 'needs an apiVersion');
    if (kind === '') invalid('/kind', 'needs a kind');
    if (!DNS_LABEL.test(name)) invalid('/metadata/name', 'the name must be a DNS label');
    const clusterScoped = CLUSTER_SCOPED_KINDS.has(kind);
    if (clusterScoped && metadata['namespace'] !== undefined)
      invalid('/metadata/namespace', `a ${kind} has no namespace`);
    if (!clusterScoped && metadata['namespace'] !== namespace)
      invalid('/metadata/namespace', `must be in the bait namespace ${namespace}`);
    if (kind === 'Namespace' && name !== namespace)
      invalid('/metadata/name', `the only Namespace bait creates is ${namespace}`);
    checkLabels(object(metadata['labels']), '/metadata/labels', invalid);
    if (WORKLOADS.has(kind)) {
      const template = object(object(doc['spec'])['template']);
      checkLabels(object(object(template['metadata'])['labels']), '/spec/template/metadata/labels', invalid);
    }
    if (BINDINGS.has(kind)) {
      const subjects = Array.isArray(doc['subjects']) ? doc['subjects'] : [];
      subjects.forEach((subject: unknown, at) => {
        const s = object(subject);
        if (s['kind'] !== 'ServiceAccount' || s['namespace'] !== namespace) {
          invalid(`/subjects/${at}`, `may grant only service accounts of ${namespace}`);
        }
      });
    }
    const key = `${kind}/${clusterScoped ? '' : String(metadata['namespace'])}/${name}`;
    if (seen.has(key)) invalid('/metadata/name', 'another bait resource has the same kind and name');
    seen.add(key);
  });
  return problems;
}

function checkLabels(labels: Json, path: string, invalid: (path: string, message: string) => void): void {
  if (labels[BAIT_LABEL] !== 'true') invalid(path, `needs the label ${BAIT_LABEL}: "true"`);
  if (labels[GENERATED_BY_LABEL] !== GENERATED_BY_VALUE)
    invalid(path, `needs the label ${GENERATED_BY_LABEL}: ${GENERATED_BY_VALUE}`);
}
