/**
 * The HTTP edge: the ingest server that sensors (kube-apiserver audit webhook, Falco and falcosidekick,
 * Kubescape node-agent, Tetragon exports) post to. The service composes it with a sink and listens.
 */

export { registerApi } from './api.js';
export { CONTENT_SECURITY_POLICY, findDashboard, registerDashboard } from './dashboard.js';
export { BearerAuth } from './ingest/auth.js';
export type { IngestServerStats, RefusalReason } from './ingest/counters.js';
export {
  DEFAULT_BODY_LIMIT,
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type IngestLoggerOption,
  type IngestServerOptions,
  type IngestSink,
} from './ingest/options.js';
export type { ProblemBody } from './ingest/replies.js';
export {
  createIngestServer,
  INGEST_ROUTES,
  type IngestReply,
  MAX_REPORTED_DEAD_LETTERS,
} from './ingest/server.js';
export { registerMetrics } from './metrics.js';
