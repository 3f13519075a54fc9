/**
 * The normalised event: one model for what every sensor reports, whatever its format. Sensor
 * normalisers (normalise/<sensor>/) fill it in; the STIX mapping (normalise/stix/) turns it into
 * `observed-data` + SCOs. Only what the sensor said is filled in: an absent field means "not reported",
 * never a default. Every string here may be attacker-controlled.
 */

import type { BodyFacts, SensorName } from '../sources/index.js';
import type { Timestamp } from '../stix/index.js';

export interface NormalisedEvent {
  readonly source: SensorName;
  /**
   * The sensor's own name for the kind of event: Tetragon's event key (`process_exec`, `process_kprobe`,
   * …), `audit-event` for an audit record, `falco-alert`, `kubescape-alert`.
   */
  readonly kind: string;
  /** When it happened, nanoseconds kept. */
  readonly time: Timestamp;
  /** True when the record carried no time and `time` is when kstorm received it. */
  readonly timeReceived?: boolean;
  /** Node that reported it (Tetragon `node_name`, Falco `hostname`, …). */
  readonly node?: string;
  /** Cluster name, when the sensor reports one (Kubescape does; kstorm's config may add it later). */
  readonly cluster?: string;
  readonly pod?: PodInfo;
  readonly container?: ContainerInfo;
  /** The acting process; its ancestors, nearest first, in `lineage`. */
  readonly process?: ProcessInfo;
  readonly lineage?: readonly ProcessInfo[];
  /** Files and directories the event touched (a kprobe's file arguments, an alert's path). */
  readonly files?: readonly FileInfo[];
  /** Network flows (a socket argument, an alert's connection). */
  readonly connections?: readonly ConnectionInfo[];
  /** The audited Kubernetes API request (audit log; Falco k8s_audit alerts). */
  readonly request?: ApiRequestInfo;
  /** What fired: the hook, policy, rule, severity, and what the sensor says about it. */
  readonly detection?: DetectionInfo;
  /** The exact record the event was read from (its JSON text), bounded by the reader's record limit. */
  readonly raw: string;
}

export interface PodInfo {
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly workloadKind?: string;
  readonly workloadName?: string;
  readonly serviceAccount?: string;
}

export interface ContainerInfo {
  /** As reported: may carry a runtime prefix (`containerd://`) and be 12 to 64 hex digits. */
  readonly id?: string;
  readonly name?: string;
  readonly image?: string;
  readonly imageId?: string;
  readonly runtime?: string;
  readonly privileged?: boolean;
}

export interface ProcessInfo {
  /** The sensor's unique execution id (Tetragon `exec_id`): what makes one process one object. */
  readonly execId?: string;
  readonly parentExecId?: string;
  readonly pid?: number;
  readonly tid?: number;
  readonly parentPid?: number;
  readonly uid?: number;
  readonly gid?: number;
  /** Audit (login) uid; 4294967295 means unset. */
  readonly auid?: number;
  /** Absolute path of the executable. */
  readonly binary?: string;
  /** The short command name (`comm`) when no binary path is known. */
  readonly name?: string;
  /** Arguments as one string, as Tetragon reports them (without the binary). */
  readonly arguments?: string;
  /** The full command line when the sensor reports one (binary and arguments). */
  readonly commandLine?: string;
  readonly cwd?: string;
  readonly startTime?: Timestamp;
  /** Tetragon exec flags (`execve rootcwd clone`), as reported. */
  readonly flags?: string;
}

export interface FileInfo {
  /** Absolute path as reported (never resolved or opened by kstorm). */
  readonly path: string;
  /** What the event did with it, when it says: `open`, `read`, `write`, `link-target`, `mount`, … */
  readonly operation?: string;
  /** Open flags or permission bits as reported (`O_RDONLY`, `rw-r--r--`). */
  readonly flags?: string;
}

export interface ConnectionInfo {
  /** Transport as reported, lower case: `tcp`, `udp`, … */
  readonly protocol?: string;
  readonly srcIp?: string;
  readonly srcPort?: number;
  readonly dstIp?: string;
  readonly dstPort?: number;
}

export interface K8sUser {
  readonly username: string;
  readonly uid?: string;
  readonly groups?: readonly string[];
  /** The pod a service-account token is bound to (`user.extra["authentication.kubernetes.io/pod-name"]`). */
  readonly boundPod?: string;
}

export interface K8sObjectRef {
  readonly resource: string;
  readonly apiGroup?: string;
  readonly apiVersion?: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly uid?: string;
}

export interface ApiRequestInfo {
  readonly auditId: string;
  readonly verb: string;
  readonly stage?: string;
  readonly level?: string;
  readonly requestUri?: string;
  readonly user?: K8sUser;
  readonly impersonatedUser?: K8sUser;
  /** `sourceIPs`, client first. */
  readonly sourceIps?: readonly string[];
  readonly userAgent?: string;
  readonly object?: K8sObjectRef;
  readonly responseCode?: number;
  /** `authorization.k8s.io/decision`: allow or forbid. */
  readonly decision?: string;
  readonly reason?: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly requestReceived?: Timestamp;
  readonly stageTimestamp?: Timestamp;
  /** What the request (or, for a patch, the response) body says about the object: bounded, no secrets. */
  readonly body?: BodyFacts;
}

/** kstorm's severity scale, mapped from each sensor's own (Falco priority, Kubescape 1–10, …). */
export type EventSeverity = 'informational' | 'low' | 'medium' | 'high' | 'critical';

export interface DetectionInfo {
  /** The kernel hook that fired: kprobe function, `subsystem/event` tracepoint, LSM hook, uprobe symbol. */
  readonly hook?: string;
  /** Tetragon TracingPolicy name. */
  readonly policy?: string;
  /** Tetragon action (`KPROBE_ACTION_POST`, `KPROBE_ACTION_SIGKILL`, …). */
  readonly action?: string;
  /** Rule id (Kubescape `R0001`). */
  readonly ruleId?: string;
  /** Rule name (Falco `rule`, Kubescape `alertName`). */
  readonly ruleName?: string;
  readonly severity?: EventSeverity;
  /** The sensor's own priority or severity text, as reported. */
  readonly priority?: string;
  /** The sensor's human-readable message (Falco `output`, Kubescape `message`). */
  readonly message?: string;
  readonly tags?: readonly string[];
  /** ATT&CK technique ids the sensor attached (`T1059`, `T1611.001`). */
  readonly techniques?: readonly string[];
  /** A hook's return value, as reported. */
  readonly returnValue?: string;
  /** Hook arguments not mapped to files or connections, rendered as text (`int:0`, `cap:CAP_SYS_ADMIN`). */
  readonly arguments?: readonly string[];
}
