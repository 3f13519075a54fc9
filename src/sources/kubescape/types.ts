/**
 * A Kubescape node-agent runtime alert, whichever way it reached us: the stdout exporter's logrus line
 * (`BaseRuntimeMetadata`, `RuntimeK8sDetails`, `RuntimeProcessDetails`, `event` as objects), the same
 * line stored as a ClickHouse row (those objects as JSON text), or one alert of the HTTP exporter's
 * `RuntimeAlerts` body (armoapi-go `RuntimeAlert`: the same fields, flattened, with the process tree
 * beside the alert list). Field names follow the node-agent's JSON; values are as reported.
 */
import type { JsonObject } from '../fields.js';

/** Where the alert came from: the stdout line, a ClickHouse row of it, or an HTTP exporter batch. */
export type KubescapeShape = 'stdout' | 'clickhouse-row' | 'http-exporter';

/** One process of `processTree` (armoapi-go `Process`), with its children as reported. */
export interface KubescapeProcess {
  readonly pid?: number;
  readonly ppid?: number;
  readonly comm?: string;
  readonly pcomm?: string;
  readonly cmdline?: string;
  /** The executable's path; `hardlink` is the path the exec went through. */
  readonly path?: string;
  readonly hardlink?: string;
  readonly cwd?: string;
  readonly uid?: number;
  readonly gid?: number;
  /** RFC 3339; the node-agent writes the Go zero time `0001-01-01T00:00:00Z` when it does not know. */
  readonly startTime?: string;
  /** From `childrenMap` (keyed `comm␟pid`) and the older `children` list, in that order. */
  readonly children: readonly KubescapeProcess[];
}

/** `RuntimeK8sDetails` (armoapi-go `RuntimeAlertK8sDetails`). */
export interface KubescapeK8sDetails {
  readonly clusterName?: string;
  readonly nodeName?: string;
  readonly namespace?: string;
  readonly podNamespace?: string;
  readonly podName?: string;
  readonly podUid?: string;
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly containerName?: string;
  readonly containerId?: string;
  readonly image?: string;
  readonly imageDigest?: string;
  readonly workloadName?: string;
  readonly workloadKind?: string;
  readonly workloadNamespace?: string;
}

/** What the alert's trigger `event` says about where it ran (its `runtime` and `k8s` parts). */
export interface KubescapeTriggerEvent {
  readonly runtimeName?: string;
  readonly containerId?: string;
  readonly containerName?: string;
  readonly imageName?: string;
  readonly imageDigest?: string;
  readonly node?: string;
  readonly namespace?: string;
  readonly podName?: string;
  readonly podLabels?: Readonly<Record<string, string>>;
  /** `event.timestamp` in epoch nanoseconds, only when it was exact (a decimal string or a safe integer). */
  readonly timestampNanos?: bigint;
}

/** `BaseRuntimeMetadata.identifiers` (armoapi-go `common.Identifiers`), the parts kstorm reads. */
export interface KubescapeIdentifiers {
  readonly processName?: string;
  readonly processCommandLine?: string;
  readonly filePath?: string;
  readonly fileDirectory?: string;
  readonly fileName?: string;
  readonly networkAddress?: string;
  readonly networkPort?: number;
  readonly networkProtocol?: string;
  readonly dnsDomain?: string;
}

export interface KubescapeAlert {
  readonly shape: KubescapeShape;
  /** `RuleID` (`ruleID` in the HTTP body): `R0001`…, `R3000` for malware. */
  readonly ruleId: string;
  readonly alertName?: string;
  /** Kubescape's 0–10 scale (1 low, 5 medium, 8 high, 10 critical; 1000 a system issue). */
  readonly severity?: number;
  /** `BaseRuntimeMetadata.timestamp`, RFC 3339. */
  readonly timestamp?: string;
  /** The logrus line's `time` (seconds precision), when there is one. */
  readonly logTime?: string;
  readonly infectedPid?: number;
  /** Rule-specific arguments (`path`, `flags`, `exec`, `args`, `domain`, `ip`, `port`, …) as reported. */
  readonly arguments?: JsonObject;
  readonly identifiers?: KubescapeIdentifiers;
  /** ATT&CK technique ids attached by the alert or by enrichment (`mitreTechnique`). */
  readonly mitreTechniques?: readonly string[];
  readonly mitreTactic?: string;
  readonly uniqueId?: string;
  /** The alert's message (`message`); `msg` is logrus's message, the alert name. */
  readonly message?: string;
  readonly msg?: string;
  readonly k8s: KubescapeK8sDetails;
  readonly trigger?: KubescapeTriggerEvent;
  /** The process tree: the container's chain down to the alerting process (found by `infectedPid`). */
  readonly processTree?: KubescapeProcess;
  /** `RuntimeProcessDetails.containerID`. */
  readonly processContainerId?: string;
  /** The collector's host name, on ClickHouse rows. */
  readonly hostname?: string;
  /** Cloud metadata when reported as an object (`"null"`, `"empty"` and null read as absent). */
  readonly cloudMetadata?: JsonObject;
}
