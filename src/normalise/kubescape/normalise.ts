/**
 * Kubescape alert → normalised event: the rule that fired and its severity, cluster, node, pod and
 * container, the alerting process and its ancestors from the process tree, and the files and
 * connections the rule's arguments name. The three shapes (stdout, ClickHouse row, HTTP exporter)
 * decode to one type, so they normalise alike.
 */
import type { KubescapeAlert, Rejection } from '../../sources/index.js';
import { Timestamp } from '../../stix/index.js';
import type { ContainerInfo, DetectionInfo, NormalisedEvent, PodInfo } from '../model.js';
import type { Normaliser } from '../types.js';
import { type Artefacts, artefactsOf } from './artefacts.js';
import { severityOfKubescape, techniquesOf } from './detection.js';
import { processAndLineage } from './process.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Go's zero `time.Time`: what the node-agent writes for a time it does not have. */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
const PARSE_OPTIONS = { allowOffset: true } as const;

/** Maps one decoded Kubescape alert; rejects it (KSTORM_EVENT_TIME) only when it has no usable time. */
export const normaliseKubescape: Normaliser<KubescapeAlert> = (alert, raw) => {
  const time = alertTime(alert);
  if (time === undefined) return { ok: false, rejection: NO_TIME };
  const out: Mutable<NormalisedEvent> = { source: 'kubescape', kind: 'kubescape-alert', time, raw };
  const node = alert.k8s.nodeName ?? alert.trigger?.node ?? alert.hostname;
  if (node !== undefined) out.node = node;
  if (alert.k8s.clusterName !== undefined) out.cluster = alert.k8s.clusterName;
  const pod = podOf(alert);
  if (pod !== undefined) out.pod = pod;
  const container = containerOf(alert);
  if (container !== undefined) out.container = container;
  const { process, lineage } = processAndLineage(alert);
  if (process !== undefined && Object.keys(process).length > 0) out.process = process;
  if (lineage !== undefined) out.lineage = lineage;
  const artefacts = artefactsOf(alert);
  if (artefacts.files !== undefined) out.files = artefacts.files;
  if (artefacts.connections !== undefined) out.connections = artefacts.connections;
  out.detection = detectionOf(alert, artefacts);
  return { ok: true, event: out };
};

const NO_TIME: Rejection = {
  code: 'KSTORM_EVENT_TIME',
  message:
    '$.BaseRuntimeMetadata.timestamp is missing, the Go zero time or not RFC 3339, and no other time is usable.',
  path: '$.BaseRuntimeMetadata.timestamp',
};

/**
 * The alert's own timestamp; else the log line's `time` (whole seconds); else the trigger event's
 * nanoseconds when they were exact.
 */
function alertTime(alert: KubescapeAlert): Timestamp | undefined {
  const { timestamp, logTime } = alert;
  if (timestamp !== undefined && timestamp !== GO_ZERO_TIME) {
    const time = Timestamp.tryParse(timestamp, PARSE_OPTIONS);
    if (time !== undefined) return time;
  }
  if (logTime !== undefined && logTime !== GO_ZERO_TIME) {
    const time = Timestamp.tryParse(logTime, PARSE_OPTIONS);
    if (time !== undefined) return time;
  }
  const nanos = alert.trigger?.timestampNanos;
  if (nanos === undefined) return undefined;
  try {
    return Timestamp.fromEpochNanos(nanos);
  } catch {
    return undefined;
  }
}

/** The pod, when its namespace and name are both known from the alert or its trigger event. */
function podOf(alert: KubescapeAlert): PodInfo | undefined {
  const { k8s, trigger } = alert;
  const namespace = k8s.podNamespace ?? k8s.namespace ?? trigger?.namespace;
  const name = k8s.podName ?? trigger?.podName;
  if (namespace === undefined || name === undefined) return undefined;
  const out: Mutable<PodInfo> = { namespace, name };
  if (k8s.podUid !== undefined) out.uid = k8s.podUid;
  const labels = k8s.podLabels ?? trigger?.podLabels;
  if (labels !== undefined) out.labels = labels;
  if (k8s.workloadKind !== undefined) out.workloadKind = k8s.workloadKind;
  if (k8s.workloadName !== undefined) out.workloadName = k8s.workloadName;
  return out;
}

function containerOf(alert: KubescapeAlert): ContainerInfo | undefined {
  const { k8s, trigger } = alert;
  const out: Mutable<ContainerInfo> = {};
  const id = k8s.containerId ?? alert.processContainerId ?? trigger?.containerId;
  if (id !== undefined) out.id = id;
  const name = k8s.containerName ?? trigger?.containerName;
  if (name !== undefined) out.name = name;
  const image = k8s.image ?? trigger?.imageName;
  if (image !== undefined) out.image = image;
  const imageId = k8s.imageDigest ?? trigger?.imageDigest;
  if (imageId !== undefined) out.imageId = imageId;
  if (trigger?.runtimeName !== undefined) out.runtime = trigger.runtimeName;
  return Object.keys(out).length === 0 ? undefined : out;
}

function detectionOf(alert: KubescapeAlert, artefacts: Artefacts): DetectionInfo {
  const out: Mutable<DetectionInfo> = { ruleId: alert.ruleId };
  const ruleName = alert.alertName ?? alert.msg;
  if (ruleName !== undefined) out.ruleName = ruleName;
  if (alert.severity !== undefined) {
    out.priority = String(alert.severity);
    const severity = severityOfKubescape(alert.severity);
    if (severity !== undefined) out.severity = severity;
  }
  const message = alert.message ?? alert.msg;
  if (message !== undefined) out.message = message;
  const techniques = techniquesOf(alert.mitreTechniques);
  if (techniques !== undefined) out.techniques = techniques;
  if (artefacts.returnValue !== undefined) out.returnValue = artefacts.returnValue;
  if (artefacts.arguments !== undefined) out.arguments = artefacts.arguments;
  return out;
}
