/**
 * Audit event → normalised event: the request (who, what, on which object, allowed or not, with what
 * result, and what its body says about the object) and, when a pod-bound service-account token made it, the acting pod and its node.
 */
import type { AuditEvent, Rejection } from '../../sources/index.js';
import { Timestamp } from '../../stix/index.js';
import type { ApiRequestInfo, K8sObjectRef, K8sUser, NormalisedEvent } from '../model.js';
import type { Normaliser } from '../types.js';
import { actingPod } from './actor.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type AuditUser = NonNullable<AuditEvent['user']>;
type AuditObjectRef = NonNullable<AuditEvent['objectRef']>;

// The API server writes UTC with `Z`; offsets are accepted for exporters that re-encode the times.
const PARSE_OPTIONS = { allowOffset: true } as const;
const DECISION = 'authorization.k8s.io/decision';
const REASON = 'authorization.k8s.io/reason';

/** Maps one decoded audit event; rejects it (KSTORM_EVENT_TIME) only when it has no usable time. */
export const normaliseAudit: Normaliser<AuditEvent> = (event, raw) => {
  const stageTimestamp = parseTime(event.stageTimestamp);
  // At the RequestReceived stage both times are the same text: parse it once.
  const requestReceived =
    event.requestReceivedTimestamp === event.stageTimestamp
      ? stageTimestamp
      : parseTime(event.requestReceivedTimestamp);
  const time = stageTimestamp ?? requestReceived ?? parseTime(event.timestamp);
  if (time === undefined) return { ok: false, rejection: noTime(event) };
  const out: Mutable<NormalisedEvent> = { source: 'k8s-audit', kind: 'audit-event', time, raw };
  const actor = actingPod(event.user);
  if (actor?.node !== undefined) out.node = actor.node;
  if (event.cluster !== undefined) out.cluster = event.cluster;
  if (actor !== undefined) out.pod = actor.pod;
  out.request = requestOf(event, requestReceived, stageTimestamp);
  return { ok: true, event: out };
};

function requestOf(
  event: AuditEvent,
  requestReceived: Timestamp | undefined,
  stageTimestamp: Timestamp | undefined,
): ApiRequestInfo {
  const out: Mutable<ApiRequestInfo> = { auditId: event.auditID, verb: event.verb };
  if (event.stage !== undefined) out.stage = event.stage;
  if (event.level !== undefined) out.level = event.level;
  if (event.requestURI !== undefined) out.requestUri = event.requestURI;
  const user = userOf(event.user);
  if (user !== undefined) out.user = user;
  const impersonated = userOf(event.impersonatedUser);
  if (impersonated !== undefined) out.impersonatedUser = impersonated;
  if (event.sourceIPs !== undefined) out.sourceIps = event.sourceIPs;
  if (event.userAgent !== undefined) out.userAgent = event.userAgent;
  const object = objectOf(event.objectRef);
  if (object !== undefined) out.object = object;
  const code = event.responseStatus?.code;
  if (code !== undefined) out.responseCode = code;
  const annotations = event.annotations;
  const decision = annotation(annotations, DECISION) ?? event.inferredDecision;
  if (decision !== undefined) out.decision = decision;
  const reason = annotation(annotations, REASON);
  if (reason !== undefined) out.reason = reason;
  if (annotations !== undefined) out.annotations = annotations;
  if (requestReceived !== undefined) out.requestReceived = requestReceived;
  if (stageTimestamp !== undefined) out.stageTimestamp = stageTimestamp;
  if (event.body !== undefined) out.body = event.body;
  return out;
}

/** A user is reported only with a name: an unauthenticated request's `user: {}` says nothing. */
function userOf(user: AuditUser | undefined): K8sUser | undefined {
  if (user?.username === undefined) return undefined;
  const out: Mutable<K8sUser> = { username: user.username };
  if (user.uid !== undefined) out.uid = user.uid;
  if (user.groups !== undefined) out.groups = user.groups;
  const boundPod = user.extra?.['authentication.kubernetes.io/pod-name']?.[0];
  if (boundPod !== undefined && boundPod.length > 0) out.boundPod = boundPod;
  return out;
}

/** The model names an object by its resource; an objectRef without one is dropped. */
function objectOf(ref: AuditObjectRef | undefined): K8sObjectRef | undefined {
  if (ref?.resource === undefined) return undefined;
  const out: Mutable<K8sObjectRef> = { resource: ref.resource };
  if (ref.apiGroup !== undefined) out.apiGroup = ref.apiGroup;
  if (ref.apiVersion !== undefined) out.apiVersion = ref.apiVersion;
  if (ref.subresource !== undefined) out.subresource = ref.subresource;
  if (ref.namespace !== undefined) out.namespace = ref.namespace;
  if (ref.name !== undefined) out.name = ref.name;
  if (ref.uid !== undefined) out.uid = ref.uid;
  return out;
}

/** An annotation's value; the API server writes an empty reason when the authorizer gave none. */
function annotation(
  annotations: Readonly<Record<string, string>> | undefined,
  key: string,
): string | undefined {
  const value = annotations !== undefined && Object.hasOwn(annotations, key) ? annotations[key] : undefined;
  return value === '' ? undefined : value;
}

function parseTime(text: string | undefined): Timestamp | undefined {
  return text === undefined ? undefined : Timestamp.tryParse(text, PARSE_OPTIONS);
}

/** Names the field where the time should have been, as a path into the record the event was read from. */
function noTime(event: AuditEvent): Rejection {
  if (event.envelope === 'gke-cloud-logging') {
    return {
      code: 'KSTORM_EVENT_TIME',
      message: '$.timestamp is absent or not an RFC 3339 time.',
      path: '$.timestamp',
    };
  }
  const base = event.envelope === 'aks-diagnostics' ? '$.properties.log' : '$';
  const message =
    `${base}.stageTimestamp, ${base}.requestReceivedTimestamp and ${base}.timestamp are all absent ` +
    'or not RFC 3339 times.';
  return { code: 'KSTORM_EVENT_TIME', message, path: `${base}.stageTimestamp` };
}
