/** The Kubernetes audit normaliser: AuditEvent → NormalisedEvent (`audit-event` with an ApiRequestInfo). */
export { normaliseAudit } from './normalise.js';
