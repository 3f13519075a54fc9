/**
 * Readers for the parts of a node-agent alert. Each takes the object holding the part's fields: in the
 * stdout line that is `BaseRuntimeMetadata`, `RuntimeK8sDetails` or `event`; in an HTTP exporter alert
 * the base and Kubernetes fields sit side by side on the alert itself, so both readers get the alert.
 */
import {
  field,
  type JsonObject,
  optionalInteger,
  optionalObject,
  optionalStringMap,
  optionalText,
  shapeError,
} from '../fields.js';
import type { KubescapeIdentifiers, KubescapeK8sDetails, KubescapeTriggerEvent } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The fields of `BaseRuntimeMetadata` (armoapi-go `BaseRuntimeAlert`) that kstorm reads. */
export interface BaseFields {
  alertName?: string;
  severity?: number;
  timestamp?: string;
  infectedPid?: number;
  arguments?: JsonObject;
  identifiers?: KubescapeIdentifiers;
  mitreTechniques?: readonly string[];
  mitreTactic?: string;
  uniqueId?: string;
}

export function readBase(object: JsonObject, path: string): BaseFields {
  const base: BaseFields = {};
  const alertName = optionalText(object, 'alertName', path);
  if (alertName !== undefined) base.alertName = alertName;
  const severity = optionalInteger(object, 'severity', path);
  if (severity !== undefined) base.severity = severity;
  const timestamp = optionalText(object, 'timestamp', path);
  if (timestamp !== undefined) base.timestamp = timestamp;
  const infectedPid = optionalInteger(object, 'infectedPID', path);
  if (infectedPid !== undefined) base.infectedPid = infectedPid;
  const args = optionalObject(object, 'arguments', path);
  if (args !== undefined) base.arguments = args;
  const identifiers = optionalObject(object, 'identifiers', path);
  if (identifiers !== undefined) base.identifiers = readIdentifiers(identifiers, `${path}.identifiers`);
  const techniques = readTechniques(object, path);
  if (techniques !== undefined) base.mitreTechniques = techniques;
  const tactic = optionalText(object, 'mitreTactic', path);
  if (tactic !== undefined) base.mitreTactic = tactic;
  const uniqueId = optionalText(object, 'uniqueID', path);
  if (uniqueId !== undefined) base.uniqueId = uniqueId;
  return base;
}

/** `mitreTechnique`: one id, or a list of them. */
function readTechniques(object: JsonObject, path: string): readonly string[] | undefined {
  const value = field(object, 'mitreTechnique');
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  throw shapeError(`${path}.mitreTechnique`, 'a string or a list of strings');
}

function readIdentifiers(object: JsonObject, path: string): KubescapeIdentifiers {
  const out: Mutable<KubescapeIdentifiers> = {};
  const process = optionalObject(object, 'process', path);
  if (process !== undefined) {
    const name = optionalText(process, 'name', `${path}.process`);
    if (name !== undefined) out.processName = name;
    const commandLine = optionalText(process, 'commandLine', `${path}.process`);
    if (commandLine !== undefined) out.processCommandLine = commandLine;
  }
  const file = optionalObject(object, 'file', path);
  if (file !== undefined) {
    const filePath = optionalText(file, 'path', `${path}.file`);
    if (filePath !== undefined) out.filePath = filePath;
    const directory = optionalText(file, 'directory', `${path}.file`);
    if (directory !== undefined) out.fileDirectory = directory;
    const name = optionalText(file, 'name', `${path}.file`);
    if (name !== undefined) out.fileName = name;
  }
  const network = optionalObject(object, 'network', path);
  if (network !== undefined) readNetwork(network, `${path}.network`, out);
  const dns = optionalObject(object, 'dns', path);
  const domain = dns === undefined ? undefined : optionalText(dns, 'domain', `${path}.dns`);
  if (domain !== undefined) out.dnsDomain = domain;
  return out;
}

/** armoapi-go has spelled the address `address` and `dstIP`, and the port as a string and a number. */
function readNetwork(network: JsonObject, path: string, out: Mutable<KubescapeIdentifiers>): void {
  const address = optionalText(network, 'dstIP', path) ?? optionalText(network, 'address', path);
  if (address !== undefined) out.networkAddress = address;
  const port = field(network, 'dstPort') === '' ? undefined : optionalInteger(network, 'dstPort', path);
  if (port !== undefined && port !== 0) out.networkPort = port;
  const protocol = optionalText(network, 'protocol', path);
  if (protocol !== undefined) out.networkProtocol = protocol;
  const domain = optionalText(network, 'domain', path);
  if (domain !== undefined) out.dnsDomain = domain;
}

const K8S_TEXT_FIELDS = [
  ['clusterName', 'clusterName'],
  ['nodeName', 'nodeName'],
  ['namespace', 'namespace'],
  ['podNamespace', 'podNamespace'],
  ['podName', 'podName'],
  ['podUid', 'podUID'],
  ['containerName', 'containerName'],
  ['containerId', 'containerID'],
  ['image', 'image'],
  ['imageDigest', 'imageDigest'],
  ['workloadName', 'workloadName'],
  ['workloadKind', 'workloadKind'],
  ['workloadNamespace', 'workloadNamespace'],
] as const;

/** `RuntimeK8sDetails` (armoapi-go `RuntimeAlertK8sDetails`). */
export function readK8sDetails(object: JsonObject, path: string): KubescapeK8sDetails {
  const out: Mutable<KubescapeK8sDetails> = {};
  for (const [name, key] of K8S_TEXT_FIELDS) {
    const value = optionalText(object, key, path);
    if (value !== undefined) out[name] = value;
  }
  const labels = optionalStringMap(object, 'podLabels', path);
  if (labels !== undefined) out.podLabels = labels;
  return out;
}

const DECIMAL = /^\d{1,25}$/;

/** The trigger `event`: only its `runtime` and `k8s` parts and an exact `timestamp` are read. */
export function readTriggerEvent(object: JsonObject, path: string): KubescapeTriggerEvent {
  const out: Mutable<KubescapeTriggerEvent> = {};
  const runtime = optionalObject(object, 'runtime', path);
  if (runtime !== undefined) {
    const at = `${path}.runtime`;
    const runtimeName = optionalText(runtime, 'runtimeName', at);
    if (runtimeName !== undefined) out.runtimeName = runtimeName;
    const containerId = optionalText(runtime, 'containerId', at);
    if (containerId !== undefined) out.containerId = containerId;
    const containerName = optionalText(runtime, 'containerName', at);
    if (containerName !== undefined) out.containerName = containerName;
    const imageName = optionalText(runtime, 'containerImageName', at);
    if (imageName !== undefined) out.imageName = imageName;
    const imageDigest = optionalText(runtime, 'containerImageDigest', at);
    if (imageDigest !== undefined) out.imageDigest = imageDigest;
  }
  const k8s = optionalObject(object, 'k8s', path);
  if (k8s !== undefined) {
    const at = `${path}.k8s`;
    const node = optionalText(k8s, 'node', at);
    if (node !== undefined) out.node = node;
    const namespace = optionalText(k8s, 'namespace', at);
    if (namespace !== undefined) out.namespace = namespace;
    const podName = optionalText(k8s, 'podName', at);
    if (podName !== undefined) out.podName = podName;
    const labels = optionalStringMap(k8s, 'podLabels', at);
    if (labels !== undefined) out.podLabels = labels;
    if (out.containerName === undefined) {
      const containerName = optionalText(k8s, 'containerName', at);
      if (containerName !== undefined) out.containerName = containerName;
    }
  }
  // JSON numbers beyond 2^53 have already lost nanoseconds: only an exact value is kept.
  const timestamp = field(object, 'timestamp');
  if (typeof timestamp === 'string' && DECIMAL.test(timestamp)) out.timestampNanos = BigInt(timestamp);
  else if (typeof timestamp === 'number' && Number.isSafeInteger(timestamp) && timestamp > 0) {
    out.timestampNanos = BigInt(timestamp);
  }
  return out;
}
