/**
 * The Kubernetes audit event as kstorm reads it: the fields of `audit.k8s.io` `Event` (v1 and v1beta1)
 * that detection and correlation use, under the names the API server writes. `requestObject` and
 * `responseObject` are not carried as they are (they can be large, deeply nested, and hold secrets):
 * only a bounded summary of their security-relevant fields, `BodyFacts`. Every property of the event is
 * always present so that all events share one shape; `undefined` means the record did not report it (an
 * empty string from the Go encoder counts as not reported).
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

/** One container of a pod spec (containers, then initContainers, then ephemeralContainers). */
export interface BodyContainer {
  readonly name?: string;
  readonly image?: string;
  /** `securityContext.privileged`. */
  readonly privileged?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  /** The container's `securityContext.runAsUser`, else the pod's: the uid it runs as when either says. */
  readonly runAsUser?: number;
  /** `securityContext.capabilities.add`. */
  readonly capabilitiesAdd?: readonly string[];
  /** `command` then `args`, joined with spaces, as written (no image entrypoint is known here). */
  readonly command?: string;
}

/** A RoleBinding or ClusterRoleBinding subject. */
export interface BodySubject {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/**
 * The security-relevant facts of the object in an audit event's body: `requestObject` when it is a whole
 * object, else `responseObject` (a patch body is no whole object; the response is the patched one).
 * Only these fields are read; Secret and ConfigMap data, environment values and tokens never are. Lists
 * hold at most 64 items and text at most 4096 characters; an absent property was not in the body (or
 * had the wrong type there).
 */
export interface BodyFacts {
  /** The object's `kind` (`Pod`, `ClusterRoleBinding`, …). */
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  /** Pods and the pod templates of workloads (Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob, ReplicationController, PodTemplate). */
  readonly containers?: readonly BodyContainer[];
  readonly hostNetwork?: boolean;
  readonly hostPid?: boolean;
  readonly hostIpc?: boolean;
  /** The paths of a pod's hostPath volumes, or a PersistentVolume's `hostPath.path` and `local.path`. */
  readonly hostPathVolumes?: readonly string[];
  readonly serviceAccountName?: string;
  readonly nodeName?: string;
  readonly automountServiceAccountToken?: boolean;
  /** RoleBinding and ClusterRoleBinding: the role granted. */
  readonly roleRef?: { readonly kind?: string; readonly name?: string };
  readonly subjects?: readonly BodySubject[];
  /** Role and ClusterRole: the union of their rules' verbs, resources and API groups (`""` is the core group). */
  readonly verbs?: readonly string[];
  readonly resources?: readonly string[];
  readonly apiGroups?: readonly string[];
  /** Mutating and validating webhook configurations: the webhooks' names. */
  readonly webhookNames?: readonly string[];
  /** CronJob `spec.schedule`. */
  readonly schedule?: string;
}

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
  /** What the request or response body says about the object, when the audit level recorded a body. */
  readonly body: BodyFacts | undefined;
}
