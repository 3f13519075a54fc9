/**
 * The kustomization.yaml that ties the generated manifests together, so `kubectl apply -k <out dir>`
 * applies every Kubernetes resource kstorm wrote (and only those: API-server configuration and Falco
 * rules files are not resources).
 */
import type { GeneratedFile, InstrumentProblem } from '../types.js';

export const KUSTOMIZATION_PATH = 'kustomization.yaml';

// Relative, forward slashes, no empty, `.` or `..` segment, a YAML file.
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

function pathProblem(path: string): string | undefined {
  const segments = path.split('/');
  if (!segments.every((segment) => SEGMENT.test(segment))) return 'must be a relative path of plain segments';
  if (!/\.ya?ml$/.test(path)) return 'must name a .yaml file';
  if (path === KUSTOMIZATION_PATH) return 'is the kustomization itself';
  return undefined;
}

/** The kustomization listing every generated file with `kubernetes: true`, sorted, once each. */
export function kustomization(files: readonly GeneratedFile[]): {
  readonly files: readonly GeneratedFile[];
  readonly problems: readonly InstrumentProblem[];
} {
  const problems: InstrumentProblem[] = [];
  const resources: string[] = [];
  const paths = files.filter((file) => file.kubernetes).map((file) => file.path);
  for (const path of [...new Set(paths)].sort()) {
    const problem = pathProblem(path);
    if (problem !== undefined) {
      problems.push({
        code: 'KSTORM_INSTRUMENT_INVALID',
        severity: 'error',
        message: `kustomization resource ${JSON.stringify(path.slice(0, 200))} ${problem}`,
        path: '/resources',
      });
      continue;
    }
    resources.push(path);
  }
  const document = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources,
  };
  const file: GeneratedFile = {
    path: KUSTOMIZATION_PATH,
    documents: [document],
    kubernetes: false,
    header: 'kstorm: apply every generated Kubernetes resource with kubectl apply -k <this folder>.',
  };
  return { files: [file], problems };
}
