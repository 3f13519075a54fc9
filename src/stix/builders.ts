/**
 * Builders for the objects kstorm emits: they fill in ids (deterministic where STIX or kstorm defines
 * them), spec_version, timestamps and the extension markers, so producers cannot forget one. They check
 * nothing beyond that; run the validator on what they build (kstorm's tests do, in strict mode).
 */
import { processIdentifier, randomIdentifier, scoIdentifier } from './identifiers.js';
import {
  type KstormExtension,
  PROCESS_K8S_CONTEXT,
  X_K8S_API_REQUEST,
  X_K8S_CONTAINER,
  X_K8S_OBJECT,
  X_K8S_POD,
  X_KSTORM_EVENT,
} from './kubernetes.js';
import type { Timestamp } from './timestamp.js';
import type { Bundle, Identifier, ObservedData, StixObject } from './types.js';

type Props = Readonly<Record<string, unknown>>;

/** A STIX 2.1 SCO of a standard type, with its deterministic id. */
export function sco<T extends string>(
  type: T,
  properties: Props,
): StixObject & { type: T; id: Identifier<T> } {
  const object = { type, spec_version: '2.1' as const, ...properties };
  return { ...object, id: scoIdentifier(object) as Identifier<T> };
}

function kstormSco<T extends string>(type: T, extension: KstormExtension, properties: Props) {
  const object = { type, spec_version: '2.1' as const, ...properties };
  return {
    ...object,
    id: scoIdentifier(object, extension.idContributing) as Identifier<T>,
    extensions: { [extension.definition.id]: { extension_type: 'new-sco' } },
  };
}

/** An `x-k8s-pod` (namespace and name required; cluster when known). */
export function k8sPod(properties: Props & { namespace: string; name: string }) {
  return kstormSco('x-k8s-pod', X_K8S_POD, properties);
}

/** Strips a runtime prefix (`containerd://`, `docker://`, `cri-o://`) and lower-cases a container id. */
export function normaliseContainerId(raw: string): string {
  return raw.replace(/^[a-z0-9-]+:\/\//i, '').toLowerCase();
}

/** An `x-k8s-container`; `container_id` may carry a runtime prefix and be 12 to 64 hex digits. */
export function k8sContainer(properties: Props & { container_id: string }) {
  const containerId = normaliseContainerId(properties.container_id);
  return kstormSco('x-k8s-container', X_K8S_CONTAINER, {
    ...properties,
    container_id: containerId,
    short_id: containerId.slice(0, 12),
  });
}

/** An `x-k8s-object`: the target of an API request. */
export function k8sObject(properties: Props & { resource: string }) {
  return kstormSco('x-k8s-object', X_K8S_OBJECT, properties);
}

/** An `x-k8s-api-request`: one audited API call. */
export function k8sApiRequest(properties: Props & { audit_id: string; verb: string }) {
  return kstormSco('x-k8s-api-request', X_K8S_API_REQUEST, properties);
}

/** An `x-kstorm-event`: one sensor event (source, kind and the record's SHA-256 required). */
export function kstormEvent(properties: Props & { source: string; kind: string; record_sha256: string }) {
  return kstormSco('x-kstorm-event', X_KSTORM_EVENT, properties);
}

/** Kubernetes context of a process (all optional but exec_id, which the process id derives from). */
export interface ProcessContext {
  readonly exec_id: string;
  readonly parent_exec_id?: string;
  readonly k8s_pod_ref?: string;
  readonly k8s_container_ref?: string;
  readonly k8s_node_name?: string;
  readonly k8s_cluster?: string;
}

/** A `process` in a pod: id from the exec id (docs/stix.md), context as top-level extension properties. */
export function k8sProcess(context: ProcessContext, properties: Props = {}) {
  return {
    type: 'process' as const,
    spec_version: '2.1' as const,
    id: processIdentifier(context.exec_id, context.k8s_cluster ?? ''),
    ...properties,
    ...context,
    extensions: { [PROCESS_K8S_CONTEXT.definition.id]: { extension_type: 'toplevel-property-extension' } },
  };
}

/** An `observed-data` over SCOs, first/last observed given as Timestamps (nanoseconds kept). */
export function observedData(
  objectRefs: readonly string[],
  firstObserved: Timestamp,
  lastObserved: Timestamp = firstObserved,
  options: { numberObserved?: number; created?: Timestamp; createdByRef?: Identifier<'identity'> } = {},
): ObservedData {
  const created = (options.created ?? lastObserved).format('milli');
  return {
    type: 'observed-data',
    spec_version: '2.1',
    id: randomIdentifier('observed-data'),
    created,
    modified: created,
    first_observed: firstObserved.toString(),
    last_observed: lastObserved.toString(),
    number_observed: options.numberObserved ?? 1,
    object_refs: [...objectRefs] as Identifier[],
    ...(options.createdByRef ? { created_by_ref: options.createdByRef } : {}),
  };
}

/** A bundle around objects. */
export function bundle(objects: readonly StixObject[]): Bundle & { objects: StixObject[] } {
  return { type: 'bundle', id: randomIdentifier('bundle'), objects: [...objects] };
}
