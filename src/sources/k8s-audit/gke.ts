/**
 * GKE writes the API server's audit events to Cloud Logging as a LogEntry whose `protoPayload` is a
 * `google.cloud.audit.AuditLog` (serviceName `k8s.io`). This maps such an entry back to an AuditEvent.
 * The AuditLog keeps less than the native Event, so some fields are approximated (said at each one) and
 * others are left undefined rather than invented: level, stage, user uid/groups/extra (so no pod
 * binding), impersonation, requestReceivedTimestamp. Proto3 JSON omits default values (0, false, ""),
 * which is why an absent `status.code` reads as OK and an absent `granted` as not granted.
 */
import {
  field,
  isObject,
  type JsonObject,
  optionalArray,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringMap,
  optionalText,
  requiredObject,
  requiredString,
  shapeError,
} from '../fields.js';
import { unknownKind } from './errors.js';
import type { AuditEvent, AuditObjectRef, AuditResponseStatus } from './types.js';

const AUDIT_LOG_TYPE = 'type.googleapis.com/google.cloud.audit.AuditLog';
const PAYLOAD = '$.protoPayload';

/**
 * HTTP status for each google.rpc.Code (index = code), as google/rpc/code.proto documents the mapping.
 * GKE derived the rpc code from the HTTP status, so going back is lossy: 201 Created reads as 200, and
 * 400/409 stand for several codes.
 */
const HTTP_STATUS_BY_RPC_CODE: readonly number[] = [
  200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401,
];

/** True for a Cloud Logging entry holding a Kubernetes API audit record. */
export function isGkeAuditEntry(value: JsonObject): boolean {
  const payload = field(value, 'protoPayload');
  if (!isObject(payload) || field(payload, 'serviceName') !== 'k8s.io') return false;
  const type = field(payload, '@type');
  return type === undefined || type === AUDIT_LOG_TYPE;
}

/** Reads a GKE Cloud Logging audit entry. Throws FieldError. */
export function readGkeEntry(entry: JsonObject): AuditEvent {
  const payload = requiredObject(entry, 'protoPayload', '$');
  const service = optionalString(payload, 'serviceName', PAYLOAD) ?? '';
  if (service !== 'k8s.io') {
    throw unknownKind(
      `${PAYLOAD}.serviceName`,
      service,
      'kstorm reads the Kubernetes API audit log (k8s.io)',
    );
  }
  const type = optionalString(payload, '@type', PAYLOAD);
  if (type !== undefined && type !== AUDIT_LOG_TYPE) {
    throw unknownKind(`${PAYLOAD}["@type"]`, type, 'kstorm reads google.cloud.audit.AuditLog payloads');
  }
  const methodName = requiredString(payload, 'methodName', PAYLOAD);
  // methodName is io.k8s.<group>.<version>.<resource>[.<subresource>].<verb>, or io.k8s.<verb> for a
  // non-resource request (/healthz, /readyz, …); the verb is always the last segment.
  const verb = methodName.slice(methodName.lastIndexOf('.') + 1);
  if (verb === '') throw shapeError(`${PAYLOAD}.methodName`, 'a method name ending in a verb');
  const resourceRequest = countDots(methodName) >= 3;
  const resourceName = optionalText(payload, 'resourceName', PAYLOAD);
  const authentication = optionalObject(payload, 'authenticationInfo', PAYLOAD);
  const metadata = optionalObject(payload, 'requestMetadata', PAYLOAD);
  const username =
    authentication === undefined
      ? undefined
      : optionalText(authentication, 'principalEmail', `${PAYLOAD}.authenticationInfo`);
  const callerIp =
    metadata === undefined ? undefined : optionalText(metadata, 'callerIp', `${PAYLOAD}.requestMetadata`);
  const resource = optionalObject(entry, 'resource', '$');
  const resourceLabels =
    resource === undefined ? undefined : optionalObject(resource, 'labels', '$.resource');
  return {
    apiVersion: undefined,
    level: undefined,
    auditID: auditIdOf(entry),
    stage: undefined,
    requestURI: resourceName === undefined ? undefined : requestUriOf(resourceName, resourceRequest),
    verb,
    user:
      username === undefined ? undefined : { username, uid: undefined, groups: undefined, extra: undefined },
    impersonatedUser: undefined,
    sourceIPs: callerIp === undefined ? undefined : [callerIp],
    userAgent:
      metadata === undefined
        ? undefined
        : optionalText(metadata, 'callerSuppliedUserAgent', `${PAYLOAD}.requestMetadata`),
    objectRef: resourceName !== undefined && resourceRequest ? objectRefOf(resourceName) : undefined,
    responseStatus: statusOf(payload),
    requestReceivedTimestamp: undefined,
    // The LogEntry timestamp is when the API server emitted the event: the stage time, not the arrival.
    stageTimestamp: optionalText(entry, 'timestamp', '$'),
    timestamp: undefined,
    // GKE copies the audit annotations (authorization.k8s.io/decision, …) into the entry's labels.
    annotations: optionalStringMap(entry, 'labels', '$'),
    envelope: 'gke-cloud-logging',
    cluster:
      resourceLabels === undefined
        ? undefined
        : optionalText(resourceLabels, 'cluster_name', '$.resource.labels'),
    inferredDecision: decisionOf(payload),
    // protoPayload.request/response are not read yet: kstorm has no GKE sample with a body to check against.
    body: undefined,
  };
}

/** GKE sets insertId (and operation.id, the same value) to the request's audit ID. */
function auditIdOf(entry: JsonObject): string {
  const operation = optionalObject(entry, 'operation', '$');
  const id =
    (operation === undefined ? undefined : optionalText(operation, 'id', '$.operation')) ??
    optionalText(entry, 'insertId', '$');
  if (id === undefined) throw shapeError('$.insertId', 'a non-empty string (the audit ID)');
  return id;
}

function countDots(text: string): number {
  let count = 0;
  for (let at = text.indexOf('.'); at !== -1 && count < 3; at = text.indexOf('.', at + 1)) count += 1;
  return count;
}

/**
 * The request path rebuilt from resourceName (`core/v1/namespaces/x/pods/y` → `/api/v1/namespaces/x/pods/y`,
 * `apps/v1/…` → `/apis/apps/v1/…`, `readyz` → `/readyz`); the query string is not recorded by GKE.
 */
function requestUriOf(resourceName: string, resourceRequest: boolean): string {
  if (!resourceRequest) return `/${resourceName}`;
  return resourceName.startsWith('core/') ? `/api${resourceName.slice(4)}` : `/apis/${resourceName}`;
}

/**
 * resourceName is `<group>/<version>/namespaces/<ns>/<resource>[/<name>[/<subresource>]]` or
 * `<group>/<version>/<resource>[/<name>[/<subresource>]]`. Approximation (as Falco's k8saudit-gke does):
 * a subresource of a Namespace object (`core/v1/namespaces/x/finalize`) reads as resource `finalize`
 * in namespace `x`, since the path alone cannot tell them apart.
 */
function objectRefOf(resourceName: string): AuditObjectRef | undefined {
  const parts = resourceName.split('/', 8);
  if (parts.length < 3) return undefined;
  const namespaced = parts[2] === 'namespaces' && parts.length >= 5;
  const rest = namespaced ? parts.slice(4) : parts.slice(2);
  const group = parts[0];
  return {
    resource: textOrUndefined(rest[0]),
    namespace: namespaced ? textOrUndefined(parts[3]) : undefined,
    name: textOrUndefined(rest[1]),
    uid: undefined,
    // The core group is "" in native events (and so omitted); GKE calls it `core`.
    apiGroup: group === 'core' ? undefined : textOrUndefined(group),
    apiVersion: textOrUndefined(parts[1]),
    resourceVersion: undefined,
    subresource: textOrUndefined(rest[2]),
  };
}

function statusOf(payload: JsonObject): AuditResponseStatus | undefined {
  const status = optionalObject(payload, 'status', PAYLOAD);
  if (status === undefined) return undefined;
  const rpcCode = optionalInteger(status, 'code', `${PAYLOAD}.status`) ?? 0;
  return {
    code: HTTP_STATUS_BY_RPC_CODE[rpcCode],
    status: undefined,
    reason: undefined,
    message: optionalText(status, 'message', `${PAYLOAD}.status`),
  };
}

/** `forbid` when any authorization check was not granted, `allow` when all were. */
function decisionOf(payload: JsonObject): 'allow' | 'forbid' | undefined {
  const path = `${PAYLOAD}.authorizationInfo`;
  const checks = optionalArray(payload, 'authorizationInfo', PAYLOAD);
  if (checks === undefined || checks.length === 0) return undefined;
  let decision: 'allow' | 'forbid' = 'allow';
  for (const [index, check] of checks.entries()) {
    if (!isObject(check)) throw shapeError(`${path}[${index}]`, 'an object');
    if (optionalBoolean(check, 'granted', `${path}[${index}]`) !== true) decision = 'forbid';
  }
  return decision;
}

function textOrUndefined(text: string | undefined): string | undefined {
  return text === '' ? undefined : text;
}
