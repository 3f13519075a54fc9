/**
 * The Kubernetes audit source: audit.k8s.io Event / EventList (v1, v1beta1, kind-less), and the GKE
 * Cloud Logging and AKS diagnostic wrappers, decoded to typed AuditEvents.
 */
export { auditDecoder } from './decode.js';
export type {
  AuditEnvelope,
  AuditEvent,
  AuditObjectRef,
  AuditResponseStatus,
  AuditUser,
  BodyContainer,
  BodyFacts,
  BodySubject,
} from './types.js';
