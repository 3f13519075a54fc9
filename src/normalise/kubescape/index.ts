/** Kubescape node-agent alerts normalised: rule and severity, pod and container, process tree, files, connections. */
export { MAX_KUBESCAPE_ARGUMENTS } from './artefacts.js';
export { KUBESCAPE_SYSTEM_ISSUE, severityOfKubescape, techniquesOf } from './detection.js';
export { normaliseKubescape } from './normalise.js';
