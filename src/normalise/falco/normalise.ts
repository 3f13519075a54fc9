/**
 * Falco alert → normalised event: what fired (rule, priority, tags, output), the process and its
 * ancestors, container and pod, files and connections, and for k8s_audit alerts the API request.
 * Output fields the model has no place for are kept as `detection.arguments` (`evt.type=openat`).
 */
import type { FalcoAlert, Rejection } from '../../sources/index.js';
import { Timestamp } from '../../stix/index.js';
import type { DetectionInfo, NormalisedEvent } from '../model.js';
import type { Normaliser } from '../types.js';
import { severityOfPriority, techniquesOf } from './detection.js';
import { fieldSlot, OutputFields, rendered } from './output-fields.js';
import { containerOf, lineageOf, podOf, processOf } from './process.js';
import {
  connectionsOf,
  FD_NAME,
  fdIsFile,
  filesOf,
  OPEN_FLAGS,
  REQUEST_SLOTS,
  requestOf,
  socketOf,
} from './request.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Output fields rendered as detection arguments at most; a rule prints a dozen or so. */
export const MAX_FALCO_ARGUMENTS = 64;

// Falco writes `evt.time` with an offset without a colon (`+0000`) when time_format_iso_8601 is on.
const COLONLESS_OFFSET = /([+-]\d{2})(\d{2})$/;
const EPOCH_NANOS = /^\d{1,20}$/;
const TIME_SLOTS = ['evt.time', 'evt.time.iso8601', 'evt.rawtime'].map((name) => fieldSlot(name, 'mapped'));

/** Maps one decoded Falco alert; rejects it (KSTORM_EVENT_TIME) only when it has no usable time. */
export const normaliseFalco: Normaliser<FalcoAlert> = (alert, raw) => {
  const fields = new OutputFields(alert.outputFields);
  const time = alertTime(alert, fields);
  if (time === undefined) return { ok: false, rejection: NO_TIME };
  const out: Mutable<NormalisedEvent> = { source: 'falco', kind: 'falco-alert', time, raw };
  if (alert.hostname !== undefined) out.node = alert.hostname;
  const pod = podOf(fields);
  if (pod !== undefined) out.pod = pod;
  const container = containerOf(fields);
  if (container !== undefined) out.container = container;
  const process = processOf(fields);
  if (process !== undefined) out.process = process;
  const lineage = lineageOf(fields);
  if (lineage !== undefined) out.lineage = lineage;
  const fdFile = fdIsFile(fields);
  const socket = fdFile ? undefined : socketOf(fields);
  const files = filesOf(fields, fdFile);
  if (files !== undefined) out.files = files;
  const connections = connectionsOf(fields, socket);
  if (connections !== undefined) out.connections = connections;
  const request = requestOf(fields);
  if (request !== undefined) out.request = request;
  const mapped = { request: request !== undefined, fdName: fdFile || socket !== undefined, flags: fdFile };
  out.detection = detectionOf(alert, fields, mapped);
  return { ok: true, event: out };
};

const NO_TIME: Rejection = {
  code: 'KSTORM_EVENT_TIME',
  message: '$.time is missing or not an RFC 3339 timestamp, and output_fields has no exact evt.time.',
  path: '$.time',
};

function alertTime(alert: FalcoAlert, fields: OutputFields): Timestamp | undefined {
  if (alert.time !== undefined) {
    const time = Timestamp.tryParse(alert.time, { allowOffset: true });
    if (time !== undefined) return time;
  }
  for (const slot of TIME_SLOTS) {
    const time = fieldTime(fields.value(slot));
    if (time !== undefined) return time;
  }
  return undefined;
}

/**
 * `evt.time` as epoch nanoseconds (a decimal string, or a JSON number small enough to be exact) or as
 * ISO 8601 text. Falco's default `evt.time` text is a time of day without a date: not usable.
 */
function fieldTime(value: unknown): Timestamp | undefined {
  try {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) {
      return Timestamp.fromEpochNanos(BigInt(value));
    }
    if (typeof value !== 'string' || value.length > 64) return undefined;
    if (EPOCH_NANOS.test(value)) return Timestamp.fromEpochNanos(BigInt(value));
    return Timestamp.tryParse(value.replace(COLONLESS_OFFSET, '$1:$2'), { allowOffset: true });
  } catch {
    return undefined;
  }
}

/** Which output fields that are mapped only sometimes were mapped for this alert. */
interface Mapped {
  /** The `ka.*` request fields. */
  readonly request: boolean;
  /** `fd.name`, as a file or a socket. */
  readonly fdName: boolean;
  /** `evt.arg.flags`, as the file's open flags. */
  readonly flags: boolean;
}

function detectionOf(alert: FalcoAlert, fields: OutputFields, mapped: Mapped): DetectionInfo {
  const out: Mutable<DetectionInfo> = { ruleName: alert.rule, priority: alert.priority };
  const severity = severityOfPriority(alert.priority);
  if (severity !== undefined) out.severity = severity;
  const message = alert.output ?? alert.message;
  if (message !== undefined) out.message = message;
  if (alert.tags !== undefined) out.tags = alert.tags;
  const techniques = techniquesOf(alert.tags);
  if (techniques !== undefined) out.techniques = techniques;
  const args = argumentsOf(fields, mapped);
  if (args !== undefined) out.arguments = args;
  return out;
}

/** The output fields not mapped elsewhere, as `key=value`, in the order Falco wrote them. */
function argumentsOf(fields: OutputFields, mapped: Mapped): readonly string[] | undefined {
  let out: string[] | undefined;
  const { otherKeys, otherSlots, otherValues } = fields;
  for (let index = 0; index < otherKeys.length; index += 1) {
    const slot = otherSlots[index];
    if (mapped.request && slot !== undefined && REQUEST_SLOTS.has(slot)) continue;
    if (mapped.fdName && slot === FD_NAME) continue;
    if (mapped.flags && slot === OPEN_FLAGS) continue;
    const text = rendered(otherKeys[index] ?? '', otherValues[index]);
    if (text === undefined) continue;
    if (out === undefined) out = [];
    out.push(text);
    if (out.length === MAX_FALCO_ARGUMENTS) break;
  }
  return out;
}
