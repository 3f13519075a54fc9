/**
 * One normalised event as a STIX 2.1 observation: an `observed-data` (first) and the SCOs it refers to —
 * the `x-kstorm-event` (what fired), the record as an `artifact`, pod, container, process chain, files,
 * flows, users, and the API request with its target object. Ids are deterministic: the same record
 * always gives the same objects, and the same pod, file or address from two sensors is one object.
 */
import { hash } from 'node:crypto';
import {
  namedIdentifier,
  STIX_SCO_NAMESPACE,
  type StixObject,
  scoIdentifier,
  uuid5,
  X_K8S_API_REQUEST,
  X_K8S_OBJECT,
  X_KSTORM_EVENT,
} from '../../stix/index.js';
import type { ApiRequestInfo, NormalisedEvent } from '../model.js';
import type { IdMemo } from './ids.js';
import {
  addressObject,
  containerObject,
  k8sUserObject,
  ObjectSet,
  pathObjects,
  podObject,
  trafficObjects,
} from './objects.js';
import { addProcessChain } from './process.js';
import { requestObjectOf } from './request-body.js';
import { bounded, boundedMap, defined } from './text.js';

export interface ObservationOptions {
  /** kstorm's name for the cluster: scopes pod, object and process ids (sensors' own names are not used for ids). */
  readonly cluster?: string;
  /** Keep the record as an `artifact` (default true). */
  readonly rawArtifacts?: boolean;
}

const NEW_SCO = { extension_type: 'new-sco' } as const;
const STAGES = new Set(['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic']);
const LEVELS = new Set(['None', 'Metadata', 'Request', 'RequestResponse']);
const DECISIONS = new Set(['allow', 'forbid']);
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;

/** The objects of the observation, `observed-data` first. */
export function toObservation(
  event: NormalisedEvent,
  memo: IdMemo,
  options: ObservationOptions = {},
): StixObject[] {
  const cluster = bounded(options.cluster);
  const digest = hash('sha256', event.raw, 'hex');
  const set = new ObjectSet();

  const pod = event.pod ? podObject(memo, event.pod, cluster, event.node) : undefined;
  const podRef = pod ? set.add(pod) : undefined;
  const container = event.container ? containerObject(memo, event.container, podRef) : undefined;
  const containerRef = container ? set.add(container) : undefined;

  const networkRefs: string[] = [];
  for (const connection of event.connections ?? []) {
    const [traffic, ...addresses] = trafficObjects(memo, connection);
    if (traffic === undefined) continue;
    networkRefs.push(set.add(traffic));
    for (const address of addresses) set.add(address);
  }
  const fileRefs: string[] = [];
  for (const file of event.files ?? []) {
    const objects = pathObjects(memo, file.path);
    const first = objects[0];
    if (first === undefined) continue;
    if (!fileRefs.includes(first.id)) fileRefs.push(first.id);
    for (const object of objects) set.add(object);
  }
  const processRef = addProcessChain(event, {
    memo,
    set,
    cluster,
    recordDigest: digest,
    podRef,
    containerRef,
    connectionRefs: networkRefs,
  });
  const requestRef = event.request ? addRequest(event.request, memo, set, cluster) : undefined;
  const rawRef = options.rawArtifacts === false ? undefined : set.add(artifact(event.raw, digest));

  const detection = event.detection;
  const sensorEvent = defined({
    type: 'x-kstorm-event',
    spec_version: '2.1',
    // Unique per record: computed, not remembered.
    id: scoIdentifier(
      { type: 'x-kstorm-event', source: event.source, record_sha256: digest },
      X_KSTORM_EVENT.idContributing,
    ),
    source: event.source,
    kind: bounded(event.kind) ?? 'unknown',
    record_sha256: digest,
    time: event.time.toString(),
    time_received: event.timeReceived === true ? true : undefined,
    node_name: bounded(event.node),
    cluster: cluster ?? bounded(event.cluster),
    hook: bounded(detection?.hook),
    policy_name: bounded(detection?.policy),
    policy_action: bounded(detection?.action),
    rule_id: bounded(detection?.ruleId),
    rule_name: bounded(detection?.ruleName),
    severity_level: detection?.severity,
    priority: bounded(detection?.priority),
    message: bounded(detection?.message, 65_536),
    tags: nonEmpty(detection?.tags?.map((tag) => bounded(tag, 1024)).filter(isString)),
    techniques: nonEmpty(detection?.techniques?.filter((id) => TECHNIQUE.test(id))),
    return_value: bounded(detection?.returnValue),
    arguments: nonEmpty(detection?.arguments?.map((text) => bounded(text, 65_536) ?? '')),
    process_ref: processRef,
    pod_ref: podRef,
    container_ref: containerRef,
    file_refs: nonEmpty(fileRefs),
    network_refs: nonEmpty(networkRefs),
    request_ref: requestRef,
    raw_ref: rawRef,
    extensions: { [X_KSTORM_EVENT.definition.id]: NEW_SCO },
  }) as StixObject;
  set.add(sensorEvent);

  const time = event.time.toString();
  const created = event.time.format('milli');
  const observed = {
    type: 'observed-data',
    spec_version: '2.1',
    id: namedIdentifier('observed-data', sensorEvent.id),
    created,
    modified: created,
    first_observed: time,
    last_observed: time,
    number_observed: 1,
    object_refs: [...set.objects.keys()],
  } as StixObject;
  return [observed, ...set.objects.values()];
}

function addRequest(request: ApiRequestInfo, memo: IdMemo, set: ObjectSet, cluster: string | undefined) {
  const auditId = bounded(request.auditId);
  const verb = bounded(request.verb);
  if (auditId === undefined || verb === undefined) return undefined;
  const user = request.user ? k8sUserObject(memo, request.user) : undefined;
  const impersonated = request.impersonatedUser ? k8sUserObject(memo, request.impersonatedUser) : undefined;
  const sources = (request.sourceIps ?? [])
    .map((ip) => addressObject(memo, ip))
    .filter((a) => a !== undefined);
  const object = request.object ? targetObject(request, memo, cluster) : undefined;
  const contributing = defined({ cluster, audit_id: auditId });
  const apiRequest = defined({
    type: 'x-k8s-api-request',
    spec_version: '2.1',
    id: scoIdentifier({ type: 'x-k8s-api-request', ...contributing }, X_K8S_API_REQUEST.idContributing),
    cluster,
    audit_id: auditId,
    stage: request.stage && STAGES.has(request.stage) ? request.stage : undefined,
    level: request.level && LEVELS.has(request.level) ? request.level : undefined,
    verb,
    request_uri: bounded(request.requestUri),
    user_ref: user ? set.add(user) : undefined,
    impersonated_user_ref: impersonated ? set.add(impersonated) : undefined,
    src_refs: nonEmpty(sources.map((address) => set.add(address))),
    user_agent: bounded(request.userAgent),
    object_ref: object ? set.add(object) : undefined,
    response_code: validCode(request.responseCode),
    decision: request.decision && DECISIONS.has(request.decision) ? request.decision : undefined,
    reason: bounded(request.reason),
    request_received: request.requestReceived?.toString(),
    stage_timestamp: request.stageTimestamp?.toString(),
    annotations: boundedMap(request.annotations, 317),
    request_object: requestObjectOf(request.body),
    extensions: { [X_K8S_API_REQUEST.definition.id]: NEW_SCO },
  }) as StixObject;
  return set.add(apiRequest);
}

function targetObject(
  request: ApiRequestInfo,
  memo: IdMemo,
  cluster: string | undefined,
): StixObject | undefined {
  const target = request.object;
  const resource = bounded(target?.resource);
  if (target === undefined || resource === undefined) return undefined;
  const contributing = {
    cluster,
    api_group: target.apiGroup === undefined ? undefined : target.apiGroup.slice(0, 253),
    resource,
    namespace: bounded(target.namespace),
    name: bounded(target.name),
  };
  return defined({
    type: 'x-k8s-object',
    spec_version: '2.1',
    id: memo.object(contributing),
    ...contributing,
    api_version: bounded(target.apiVersion),
    subresource: bounded(target.subresource),
    uid: bounded(target.uid),
    extensions: { [X_K8S_OBJECT.definition.id]: NEW_SCO },
  }) as StixObject;
}

function artifact(raw: string, digest: string): StixObject {
  const payload = Buffer.from(raw, 'utf8').toString('base64');
  const hashes = { 'SHA-256': digest };
  return {
    type: 'artifact',
    spec_version: '2.1',
    // STIX 2.1 §6.1: hashes and payload_bin are the ID-contributing properties. Their canonical JSON is
    // written directly: hex and base64 need no escaping, and the payload is the largest value kstorm
    // hashes per event (the validator recomputes it the general way in the tests).
    id: `artifact--${uuid5(`{"hashes":{"SHA-256":"${digest}"},"payload_bin":"${payload}"}`, STIX_SCO_NAMESPACE)}`,
    mime_type: 'application/json',
    payload_bin: payload,
    hashes,
  } as StixObject;
}

function validCode(code: number | undefined): number | undefined {
  return code !== undefined && Number.isInteger(code) && code >= 0 && code <= 999 ? code : undefined;
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}

function nonEmpty<T>(items: readonly T[] | undefined): T[] | undefined {
  return items !== undefined && items.length > 0 ? [...items] : undefined;
}
