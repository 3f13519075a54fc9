/**
 * The Kubernetes audit event as kstorm reads it: the fields of `audit.k8s.io` `Event` (v1 and v1beta1)
 * that detection and correlation use, under the names the API server writes. `requestObject` and
 * `responseObject` are deliberately not carried: they can be large and deeply nested, and nothing reads
 * them yet. Every property is always present so that all events share one shape; `undefined` means the
 * record did not report it (an empty string from the Go encoder counts as not reported).
 */

/** `authentication/v1` UserInfo as the audit log records it. */
export interface AuditUser {
  readonly username: string | undefined;
  readonly uid: string | undefined;
  readonly groups: readonly string[] | undefined;
  /**
   * Authenticator-provided attributes (`map[string][]string`), e.g. the pod a service-account token is
   * bound to: `authentication.kubernetes.io/pod-name`, `pod-uid`, `node-name`. A null-prototype object.
   */
  readonly extra: Readonly<Record<string, readonly string[]>> | undefined;
}

/** The object the request targeted (`objectRef`); absent for list and non-resource requests. */
export interface AuditObjectRef {
  readonly resource: string | undefined;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly uid: string | undefined;
  /** The empty string (core group) is reported as undefined, as the API server omits it. */
  readonly apiGroup: string | undefined;
  readonly apiVersion: string | undefined;
  readonly resourceVersion: string | undefined;
  readonly subresource: string | undefined;
}

/** The subset of `meta/v1` Status the audit log records in `responseStatus`. */
export interface AuditResponseStatus {
  /** HTTP status code. */
  readonly code: number | undefined;
  /** `Success` or `Failure`. */
  readonly status: string | undefined;
  readonly reason: string | undefined;
  readonly message: string | undefined;
}

/** A cloud provider's wrapper the event was unwrapped from, when it was not a native audit record. */
export type AuditEnvelope = 'gke-cloud-logging' | 'aks-diagnostics';

export interface AuditEvent {
  /** `audit.k8s.io/v1`, `audit.k8s.io/v1beta1`, or undefined when the exporter stripped it. */
  readonly apiVersion: string | undefined;
  /** `Metadata`, `Request`, `RequestResponse`. */
  readonly level: string | undefined;
  readonly auditID: string;
  /** `RequestReceived`, `ResponseStarted`, `ResponseComplete`, `Panic`. */
  readonly stage: string | undefined;
  readonly requestURI: string | undefined;
  /** Kubernetes verb (`get`, `create`, …), or the lower-cased HTTP method for non-resource requests. */
  readonly verb: string;
  readonly user: AuditUser | undefined;
  readonly impersonatedUser: AuditUser | undefined;
  /** Client first, then proxies; all but the last can be set by the client. */
  readonly sourceIPs: readonly string[] | undefined;
  /** Reported by the client: never to be trusted. */
  readonly userAgent: string | undefined;
  readonly objectRef: AuditObjectRef | undefined;
  readonly responseStatus: AuditResponseStatus | undefined;
  /** RFC 3339 text, microseconds (MicroTime). */
  readonly requestReceivedTimestamp: string | undefined;
  readonly stageTimestamp: string | undefined;
  /** v1beta1 only: when the event was generated, whole seconds. */
  readonly timestamp: string | undefined;
  /** Audit annotations (`authorization.k8s.io/decision`, …); a null-prototype object. */
  readonly annotations: Readonly<Record<string, string>> | undefined;
  /** The wrapper the event came in, when it was not a native audit record. */
  readonly envelope: AuditEnvelope | undefined;
  /** Cluster name, when the wrapper names it (GKE's `resource.labels.cluster_name`). */
  readonly cluster: string | undefined;
  /**
   * An authorization decision the wrapper implies but does not state as an annotation (GKE's
   * `authorizationInfo[].granted`); the `authorization.k8s.io/decision` annotation wins when present.
   */
  readonly inferredDecision: 'allow' | 'forbid' | undefined;
}
