/**
 * The Kubernetes audit decoder: recognises and decodes native audit records (an `Event` as the log
 * backend writes it, one line each; an `EventList` as the webhook backend POSTs it; v1beta1; events whose
 * `kind`/`apiVersion` an exporter stripped) and the GKE and AKS wrappers around them.
 */
import { attempt, field, isObject, type JsonObject, optionalText, shapeError } from '../fields.js';
import type { Decoded, Rejection, SensorDecoder } from '../types.js';
import { AKS_EVENT_PATH, isAksAuditRecord, unwrapAksRecord } from './aks.js';
import { unknownKind } from './errors.js';
import { readAuditEvent, readItems } from './event.js';
import { isGkeAuditEntry, readGkeEntry } from './gke.js';
import type { AuditEnvelope, AuditEvent } from './types.js';

const API_GROUP_PREFIX = 'audit.k8s.io/';

export const auditDecoder: SensorDecoder<AuditEvent> = {
  sensor: 'k8s-audit',
  recognises,
  decode,
};

function recognises(value: unknown): boolean {
  if (!isObject(value)) return false;
  const kind = field(value, 'kind');
  const apiVersion = field(value, 'apiVersion');
  if (typeof apiVersion === 'string' && apiVersion.startsWith(API_GROUP_PREFIX)) {
    return kind === 'Event' || kind === 'EventList';
  }
  if (apiVersion !== undefined) return false;
  // Exporters that strip apiVersion (or kind too) leave an object only these keys identify.
  const looksLikeEvent =
    Object.hasOwn(value, 'auditID') && Object.hasOwn(value, 'verb') && Object.hasOwn(value, 'stage');
  if (kind === 'Event') return looksLikeEvent;
  if (kind !== undefined) return false;
  return looksLikeEvent || isAksAuditRecord(value) || isGkeAuditEntry(value);
}

function decode(value: unknown): readonly Decoded<AuditEvent>[] {
  if (!isObject(value)) return [rejected(shapeError('$', 'a JSON object').rejection)];
  // A wrapper is told by its own keys, so that a wrapper of another kind is rejected as such rather than
  // as an audit event without an auditID.
  if (field(value, 'kind') === undefined) {
    if (Object.hasOwn(value, 'category') && Object.hasOwn(value, 'properties')) {
      const unwrapped = attempt(() => unwrapAksRecord(value));
      if (!unwrapped.ok) return [rejected(unwrapped.rejection)];
      return decodeNative(unwrapped.value, AKS_EVENT_PATH, 'aks-diagnostics');
    }
    if (Object.hasOwn(value, 'protoPayload')) return [decoded(attempt(() => readGkeEntry(value)))];
  }
  return decodeNative(value, '$', undefined);
}

/** An Event (one result) or an EventList (one result per item, each with its own raw text). */
function decodeNative(
  object: JsonObject,
  path: string,
  envelope: AuditEnvelope | undefined,
): readonly Decoded<AuditEvent>[] {
  const kind = attempt(() => kindOf(object, path));
  if (!kind.ok) return [rejected(kind.rejection)];
  if (kind.value === 'Event') return [decoded(attempt(() => readAuditEvent(object, path, envelope)))];
  const items = attempt(() => readItems(object, path));
  if (!items.ok) return [rejected(items.rejection)];
  // A plain loop: Array.prototype.map would skip the holes of a sparse array built by a caller.
  const results: Decoded<AuditEvent>[] = [];
  for (let index = 0; index < items.value.length; index += 1) {
    results.push(decodeItem(items.value[index], `${path}.items[${index}]`, envelope));
  }
  return results;
}

function decodeItem(item: unknown, path: string, envelope: AuditEnvelope | undefined): Decoded<AuditEvent> {
  const raw = jsonText(item);
  const result = attempt(() => {
    if (!isObject(item)) throw shapeError(path, 'an audit Event object');
    if (kindOf(item, path) !== 'Event')
      throw unknownKind(`${path}.kind`, 'EventList', 'an EventList item must be an Event');
    if (raw === undefined)
      throw shapeError(path, 'an Event that can be written back as JSON (it is nested too deeply)');
    return readAuditEvent(item, path, envelope);
  });
  if (!result.ok)
    return raw === undefined ? rejected(result.rejection) : { ok: false, rejection: result.rejection, raw };
  return raw === undefined ? { ok: true, event: result.value } : { ok: true, event: result.value, raw };
}

/** `Event` or `EventList`; rejects other kinds and other API groups (a core/v1 `Event` is not an audit event). */
function kindOf(object: JsonObject, path: string): 'Event' | 'EventList' {
  const apiVersion = optionalText(object, 'apiVersion', path);
  if (apiVersion !== undefined && !apiVersion.startsWith(API_GROUP_PREFIX)) {
    throw unknownKind(`${path}.apiVersion`, apiVersion, 'kstorm reads audit.k8s.io events');
  }
  const kind = optionalText(object, 'kind', path);
  if (kind === undefined || kind === 'Event') return 'Event';
  if (kind === 'EventList') return 'EventList';
  throw unknownKind(`${path}.kind`, kind, 'kstorm reads audit Event and EventList');
}

/** The item's own JSON text; undefined when it cannot be written (nesting deeper than the stack allows). */
function jsonText(item: unknown): string | undefined {
  try {
    return JSON.stringify(item);
  } catch {
    return undefined;
  }
}

function decoded(
  result: { ok: true; value: AuditEvent } | { ok: false; rejection: Rejection },
): Decoded<AuditEvent> {
  return result.ok ? { ok: true, event: result.value } : rejected(result.rejection);
}

function rejected(rejection: Rejection): Decoded<AuditEvent> {
  return { ok: false, rejection };
}
