/** Kubescape node-agent runtime alerts (stdout line, ClickHouse row, HTTP exporter body) decoded. */
export { decodeKubescape, kubescapeDecoder, recognisesKubescape } from './decode.js';
export { MAX_EMBEDDED_JSON_CHARS } from './json-text.js';
export { MAX_PROCESS_TREE_DEPTH, MAX_PROCESS_TREE_NODES } from './process-tree.js';
export type {
  KubescapeAlert,
  KubescapeIdentifiers,
  KubescapeK8sDetails,
  KubescapeProcess,
  KubescapeShape,
  KubescapeTriggerEvent,
} from './types.js';
