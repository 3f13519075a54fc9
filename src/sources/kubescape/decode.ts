/**
 * Decodes Kubescape node-agent runtime alerts in their three shapes: the stdout exporter's logrus line,
 * a ClickHouse row of it (nested objects as JSON text), and the HTTP exporter's `RuntimeAlerts` body
 * (kubescape/node-agent `pkg/exporters/http_exporter.go`: `spec.alerts[]` flattened armoapi-go
 * `RuntimeAlert`s sharing `spec.processTree` and `spec.cloudMetadata`), which yields one event per alert.
 */
import {
  attempt,
  FieldError,
  field,
  isObject,
  type JsonObject,
  optionalArray,
  optionalObject,
  optionalText,
  requiredObject,
  requiredString,
  shapeError,
} from '../fields.js';
import type { Decoded, Rejection, SensorDecoder } from '../types.js';
import { objectOrJsonText } from './json-text.js';
import { decodeProcessTree } from './process-tree.js';
import { type BaseFields, readBase, readK8sDetails, readTriggerEvent } from './sections.js';
import type { KubescapeAlert, KubescapeProcess } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const EXPORTER_KIND = 'RuntimeAlerts';
/** `reportedBy` of the node-agent's file-integrity report, which the HTTP exporter posts to the same URL. */
const FIM_REPORTER = 'kubescape-node-agent';
/** The alert the HTTP exporter sends instead of alerts once its per-minute limit is reached. */
const LIMIT_NOTICE = 'AlertLimitReached';

/** True for the stdout line, a ClickHouse row of it, an HTTP exporter body, or a FIM report. */
export function recognisesKubescape(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (field(value, 'kind') === EXPORTER_KIND && isObject(field(value, 'spec'))) return true;
  if (field(value, 'reportedBy') === FIM_REPORTER && Array.isArray(field(value, 'events'))) return true;
  const base = field(value, 'BaseRuntimeMetadata');
  return typeof field(value, 'RuleID') === 'string' && (isObject(base) || typeof base === 'string');
}

/** Decodes one parsed record: one alert, or one per alert of an exporter batch. Never throws. */
export function decodeKubescape(value: unknown): readonly Decoded<KubescapeAlert>[] {
  if (!isObject(value))
    return [rejected({ code: 'KSTORM_EVENT_SHAPE', message: '$ must be an object.', path: '$' })];
  if (field(value, 'kind') === EXPORTER_KIND) return decodeExporterBody(value);
  if (field(value, 'reportedBy') === FIM_REPORTER) {
    const message = 'a node-agent file-integrity report is not a runtime alert; kstorm does not read it.';
    return [rejected({ code: 'KSTORM_EVENT_UNKNOWN_KIND', message, path: '$.reportedBy' })];
  }
  const result = attempt(() => decodeLine(value));
  return [result.ok ? { ok: true, event: result.value } : rejected(result.rejection)];
}

function rejected(rejection: Rejection, raw?: string): Decoded<KubescapeAlert> {
  return raw === undefined ? { ok: false, rejection } : { ok: false, rejection, raw };
}

/** The stdout line, or a ClickHouse row of it. */
function decodeLine(record: JsonObject): KubescapeAlert {
  const baseObject = objectOrJsonText(record, 'BaseRuntimeMetadata', '$');
  if (baseObject === undefined) throw shapeError('$.BaseRuntimeMetadata', 'an object');
  const shape = typeof field(record, 'BaseRuntimeMetadata') === 'string' ? 'clickhouse-row' : 'stdout';
  const alert = startAlert(
    shape,
    requiredString(record, 'RuleID', '$'),
    readBase(baseObject, '$.BaseRuntimeMetadata'),
  );
  const k8s = objectOrJsonText(record, 'RuntimeK8sDetails', '$');
  alert.k8s = k8s === undefined ? {} : readK8sDetails(k8s, '$.RuntimeK8sDetails');
  const details = objectOrJsonText(record, 'RuntimeProcessDetails', '$');
  if (details !== undefined) addProcessDetails(alert, readProcessDetails(details, '$.RuntimeProcessDetails'));
  const trigger = objectOrJsonText(record, 'event', '$');
  if (trigger !== undefined) alert.trigger = readTriggerEvent(trigger, '$.event');
  const message = optionalText(record, 'message', '$');
  if (message !== undefined) alert.message = message;
  const msg = optionalText(record, 'msg', '$');
  if (msg !== undefined) alert.msg = msg;
  const logTime = optionalText(record, 'time', '$');
  if (logTime !== undefined) alert.logTime = logTime;
  const hostname = optionalText(record, 'hostname', '$');
  if (hostname !== undefined) alert.hostname = hostname;
  const cloud = readCloudMetadata(record, 'CloudMetadata', '$');
  if (cloud !== undefined) alert.cloudMetadata = cloud;
  return alert;
}

function startAlert(
  shape: KubescapeAlert['shape'],
  ruleId: string,
  base: BaseFields,
): Mutable<KubescapeAlert> {
  const alert: Mutable<KubescapeAlert> = { shape, ruleId, k8s: {} };
  if (base.alertName !== undefined) alert.alertName = base.alertName;
  if (base.severity !== undefined) alert.severity = base.severity;
  if (base.timestamp !== undefined) alert.timestamp = base.timestamp;
  if (base.infectedPid !== undefined) alert.infectedPid = base.infectedPid;
  if (base.arguments !== undefined) alert.arguments = base.arguments;
  if (base.identifiers !== undefined) alert.identifiers = base.identifiers;
  if (base.mitreTechniques !== undefined) alert.mitreTechniques = base.mitreTechniques;
  if (base.mitreTactic !== undefined) alert.mitreTactic = base.mitreTactic;
  if (base.uniqueId !== undefined) alert.uniqueId = base.uniqueId;
  return alert;
}

interface ProcessDetails {
  processTree?: KubescapeProcess;
  containerId?: string;
}

/** `RuntimeProcessDetails` / the exporter's `processTree`: `{processTree: Process, containerID}`. */
function readProcessDetails(details: JsonObject, path: string): ProcessDetails {
  const out: ProcessDetails = {};
  const root = optionalObject(details, 'processTree', path);
  if (root !== undefined) out.processTree = decodeProcessTree(root, `${path}.processTree`);
  const containerId = optionalText(details, 'containerID', path);
  if (containerId !== undefined) out.containerId = containerId;
  return out;
}

function addProcessDetails(alert: Mutable<KubescapeAlert>, details: ProcessDetails): void {
  if (details.processTree !== undefined) alert.processTree = details.processTree;
  if (details.containerId !== undefined) alert.processContainerId = details.containerId;
}

/** `CloudMetadata`: an object, its JSON text, or `"null"` / `"empty"` / null for none. */
function readCloudMetadata(record: JsonObject, key: string, path: string): JsonObject | undefined {
  const value = field(record, key);
  if (value === 'null' || value === 'empty') return undefined;
  const cloud = objectOrJsonText(record, key, path);
  return cloud === undefined || Object.keys(cloud).length === 0 ? undefined : cloud;
}

interface SharedSpec {
  readonly alerts: readonly unknown[];
  readonly details: ProcessDetails;
  readonly cloudMetadata?: JsonObject;
  /** JSON text of the batch around one alert, split where the alert goes (see {@link rawFrame}). */
  readonly rawHead?: string;
  readonly rawTail?: string;
}

function readSharedSpec(record: JsonObject): SharedSpec {
  const spec = requiredObject(record, 'spec', '$');
  const alerts = optionalArray(spec, 'alerts', '$.spec') ?? [];
  const tree = optionalObject(spec, 'processTree', '$.spec');
  const details = tree === undefined ? {} : readProcessDetails(tree, '$.spec.processTree');
  const out: Mutable<SharedSpec> = { alerts, details, ...rawFrame(record, spec) };
  const cloud = readCloudMetadata(spec, 'cloudMetadata', '$.spec');
  if (cloud !== undefined) out.cloudMetadata = cloud;
  return out;
}

/**
 * Each alert's raw text is the batch as the exporter would have sent it for that alert alone (one alert,
 * the shared process tree and cloud metadata), so it keeps all the alert depends on and decodes again to
 * the same event. The frame is written once per batch.
 */
function rawFrame(record: JsonObject, spec: JsonObject): { rawHead?: string; rawTail?: string } {
  const apiVersion = jsonText(field(record, 'apiVersion'));
  const tree = jsonText(field(spec, 'processTree'));
  const cloud = jsonText(field(spec, 'cloudMetadata'));
  const version = apiVersion === undefined ? '' : `"apiVersion":${apiVersion},`;
  const treeText = tree === undefined ? '' : `,"processTree":${tree}`;
  const cloudText = cloud === undefined ? '' : `,"cloudMetadata":${cloud}`;
  return {
    rawHead: `{"kind":"${EXPORTER_KIND}",${version}"spec":{"alerts":[`,
    rawTail: `]${treeText}${cloudText}}}`,
  };
}

function rawFor(item: unknown, shared: SharedSpec): string | undefined {
  const text = jsonText(item);
  if (text === undefined || shared.rawHead === undefined || shared.rawTail === undefined) return undefined;
  return shared.rawHead + text + shared.rawTail;
}

/** JSON text of a parsed value; undefined for what JSON cannot hold (a decoder may be handed anything). */
function jsonText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    const text: unknown = JSON.stringify(value);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

function decodeExporterBody(record: JsonObject): readonly Decoded<KubescapeAlert>[] {
  const frame = attempt(() => readSharedSpec(record));
  if (!frame.ok) return [rejected(frame.rejection)];
  const shared = frame.value;
  return shared.alerts.map((item, index): Decoded<KubescapeAlert> => {
    const raw = rawFor(item, shared);
    const result = attempt(() => decodeExporterAlert(item, `$.spec.alerts[${index}]`, shared));
    if (!result.ok) return rejected(result.rejection, raw);
    return raw === undefined ? { ok: true, event: result.value } : { ok: true, event: result.value, raw };
  });
}

/** One flattened armoapi-go `RuntimeAlert`: base and Kubernetes fields side by side. */
function decodeExporterAlert(item: unknown, path: string, shared: SharedSpec): KubescapeAlert {
  if (!isObject(item)) throw shapeError(path, 'an object');
  if (field(item, 'alertName') === LIMIT_NOTICE) {
    const message = `${path} is the exporter's "alert limit reached" notice, not a runtime alert.`;
    throw new FieldError('KSTORM_EVENT_UNKNOWN_KIND', message, `${path}.alertName`);
  }
  const alert = startAlert('http-exporter', requiredString(item, 'ruleID', path), readBase(item, path));
  alert.k8s = readK8sDetails(item, path);
  const message = optionalText(item, 'message', path);
  if (message !== undefined) alert.message = message;
  addProcessDetails(alert, shared.details);
  if (alert.processTree === undefined) {
    // A malware alert carries its own tree (armoapi-go `MalwareAlert.processTree`).
    const own = optionalObject(item, 'processTree', path);
    if (own !== undefined) addProcessDetails(alert, readProcessDetails(own, `${path}.processTree`));
  }
  if (shared.cloudMetadata !== undefined) alert.cloudMetadata = shared.cloudMetadata;
  return alert;
}

/** The Kubescape decoder for source detection and ingest. */
export const kubescapeDecoder: SensorDecoder<KubescapeAlert> = {
  sensor: 'kubescape',
  recognises: recognisesKubescape,
  decode: decodeKubescape,
};
