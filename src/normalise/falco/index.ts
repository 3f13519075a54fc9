/** Falco alerts normalised: rule, priority and tags; process, lineage, container, pod; files, connections, API request. */
export { severityOfPriority, techniquesOf } from './detection.js';
export { MAX_FALCO_ARGUMENTS, normaliseFalco } from './normalise.js';
export { MAX_FALCO_ANCESTORS } from './process.js';
