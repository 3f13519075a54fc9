/**
 * Everything a threat model needs armed, in one call: TracingPolicies, audit policy and webhook
 * kubeconfig, Falco rules, the Kubescape rule binding, bait, and the kustomization that lists the
 * Kubernetes manifests among them. Each generator validates its own output.
 */
import type { ThreatModel, WitnessSensor } from '../threatmodel/index.js';
import { generateAudit } from './audit/index.js';
import { generateBait } from './bait/index.js';
import { falcoSupport, generateFalco } from './falco/index.js';
import { generateKubescape, kubescapeSupport } from './kubescape/index.js';
import { kustomization } from './kustomize/index.js';
import { generateTracingPolicies, tetragonSupport } from './tetragon/index.js';
import type { GeneratedFile, InstrumentProblem, ParameterValues } from './types.js';

export interface Instrumentation {
  /** Sorted by path; the kustomization last. */
  readonly files: readonly GeneratedFile[];
  readonly problems: readonly InstrumentProblem[];
}

const GENERATORS = [generateTracingPolicies, generateAudit, generateFalco, generateKubescape, generateBait];

/** Generates every sensor and bait manifest `model` needs. */
export function instrumentModel(model: ThreatModel, parameters: ParameterValues = {}): Instrumentation {
  const files: GeneratedFile[] = [];
  const problems: InstrumentProblem[] = [];
  for (const generate of GENERATORS) {
    const out = generate(model, parameters);
    files.push(...out.files);
    problems.push(...out.problems);
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  const kustomize = kustomization(files);
  problems.push(...kustomize.problems);
  return { files: [...files, ...kustomize.files], problems };
}

/** Why kstorm cannot arm this sensor, or undefined when it can (the loader's sensor check). */
export function sensorSupport(sensor: WitnessSensor): string | undefined {
  switch (sensor.kind) {
    case 'tetragon':
      return tetragonSupport(sensor);
    case 'falco':
      return falcoSupport(sensor);
    case 'kubescape':
      return kubescapeSupport(sensor);
    case 'audit':
      return undefined;
  }
}
