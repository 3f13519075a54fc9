/**
 * Reads one native audit `Event` object (v1, v1beta1, or with `kind`/`apiVersion` stripped) into an
 * AuditEvent. Only the fields kstorm uses are visited: `metadata` never is, and `requestObject` /
 * `responseObject` only at the fixed paths BodyFacts reads, so their size and depth cost nothing.
 * Throws FieldError; the decoder catches it.
 */
import {
  field,
  type JsonObject,
  optionalArray,
  optionalInteger,
  optionalObject,
  optionalStringArray,
  optionalStringMap,
  optionalText,
  requiredString,
  shapeError,
} from '../fields.js';
import { readBodyFacts } from './body.js';
import type { AuditEnvelope, AuditEvent, AuditObjectRef, AuditResponseStatus, AuditUser } from './types.js';

/** Reads the Event at `path` (`$`, `$.items[3]`, `$.properties.log`). */
export function readAuditEvent(object: JsonObject, path: string, envelope?: AuditEnvelope): AuditEvent {
  const user = optionalObject(object, 'user', path);
  const impersonated = optionalObject(object, 'impersonatedUser', path);
  const objectRef = optionalObject(object, 'objectRef', path);
  const status = optionalObject(object, 'responseStatus', path);
  return {
    apiVersion: optionalText(object, 'apiVersion', path),
    level: optionalText(object, 'level', path),
    auditID: requiredString(object, 'auditID', path),
    stage: optionalText(object, 'stage', path),
    requestURI: optionalText(object, 'requestURI', path),
    verb: requiredString(object, 'verb', path),
    user: user === undefined ? undefined : readUser(user, `${path}.user`),
    impersonatedUser:
      impersonated === undefined ? undefined : readUser(impersonated, `${path}.impersonatedUser`),
    sourceIPs: nonEmpty(optionalStringArray(object, 'sourceIPs', path)),
    userAgent: optionalText(object, 'userAgent', path),
    objectRef: objectRef === undefined ? undefined : readObjectRef(objectRef, `${path}.objectRef`),
    responseStatus: status === undefined ? undefined : readStatus(status, `${path}.responseStatus`),
    requestReceivedTimestamp: optionalText(object, 'requestReceivedTimestamp', path),
    stageTimestamp: optionalText(object, 'stageTimestamp', path),
    timestamp: optionalText(object, 'timestamp', path),
    annotations: optionalStringMap(object, 'annotations', path),
    envelope,
    cluster: undefined,
    inferredDecision: undefined,
    // A body never rejects the event: what cannot be read in it is left out of the facts.
    body: readBodyFacts(field(object, 'requestObject'), field(object, 'responseObject')),
  };
}

export function readUser(object: JsonObject, path: string): AuditUser {
  return {
    username: optionalText(object, 'username', path),
    uid: optionalText(object, 'uid', path),
    groups: nonEmpty(optionalStringArray(object, 'groups', path)),
    extra: readExtra(object, path),
  };
}

/** `user.extra`: a map of string to list of strings, copied into a null-prototype object. */
function readExtra(user: JsonObject, path: string): Readonly<Record<string, readonly string[]>> | undefined {
  const extra = optionalObject(user, 'extra', path);
  if (extra === undefined) return undefined;
  const out: Record<string, readonly string[]> = Object.create(null);
  let count = 0;
  for (const key of Object.keys(extra)) {
    // optionalStringArray checks every item and names the offending index in its path.
    const values = optionalStringArray(extra, key, `${path}.extra`);
    if (values === undefined) continue;
    out[key] = values;
    count += 1;
  }
  return count === 0 ? undefined : out;
}

function readObjectRef(object: JsonObject, path: string): AuditObjectRef {
  return {
    resource: optionalText(object, 'resource', path),
    namespace: optionalText(object, 'namespace', path),
    name: optionalText(object, 'name', path),
    uid: optionalText(object, 'uid', path),
    apiGroup: optionalText(object, 'apiGroup', path),
    apiVersion: optionalText(object, 'apiVersion', path),
    resourceVersion: optionalText(object, 'resourceVersion', path),
    subresource: optionalText(object, 'subresource', path),
  };
}

function readStatus(object: JsonObject, path: string): AuditResponseStatus {
  const code = optionalInteger(object, 'code', path);
  return {
    // metav1.Status omits a zero code; 0 is no HTTP status.
    code: code === 0 ? undefined : code,
    status: optionalText(object, 'status', path),
    reason: optionalText(object, 'reason', path),
    message: optionalText(object, 'message', path),
  };
}

/** The items of the EventList at `path`, which must be an array. */
export function readItems(list: JsonObject, path: string): readonly unknown[] {
  const items = optionalArray(list, 'items', path);
  if (items === undefined) throw shapeError(`${path}.items`, 'an array of audit events');
  return items;
}

function nonEmpty<T>(values: readonly T[] | undefined): readonly T[] | undefined {
  return values === undefined || values.length === 0 ? undefined : values;
}
