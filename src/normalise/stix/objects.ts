/**
 * The SCOs of one observation, built from the normalised model with ids from the memo. Every builder
 * returns undefined rather than an invalid object when the event's values cannot form one (a container
 * id that is not hex, an address that is not an IP): the observation keeps what is valid.
 */
import {
  isIpv4,
  isIpv6,
  normaliseContainerId,
  type StixObject,
  X_K8S_CONTAINER,
  X_K8S_POD,
} from '../../stix/index.js';
import type { ConnectionInfo, ContainerInfo, K8sUser, PodInfo } from '../model.js';
import type { IdMemo } from './ids.js';
import { bounded, boundedMap, defined } from './text.js';

/** The objects of one observation by id: the first object built for an id wins. */
export class ObjectSet {
  readonly objects = new Map<string, StixObject>();

  add<T extends StixObject>(object: T): T['id'] {
    if (!this.objects.has(object.id)) this.objects.set(object.id, object);
    return object.id;
  }
}

const CONTAINER_ID = /^[0-9a-f]{12,64}$/;
/** An IANA-style protocol name; anything else a sensor reports is left out of `protocols`. */
const PROTOCOL = /^[a-z0-9][a-z0-9-]{0,63}$/;
const NEW_SCO = { extension_type: 'new-sco' } as const;

export function podObject(memo: IdMemo, pod: PodInfo, cluster: string | undefined, node?: string) {
  const namespace = bounded(pod.namespace);
  const name = bounded(pod.name);
  if (namespace === undefined || name === undefined) return undefined;
  return defined({
    type: 'x-k8s-pod',
    spec_version: '2.1',
    id: memo.pod(cluster, namespace, name),
    cluster,
    namespace,
    name,
    uid: bounded(pod.uid),
    node_name: bounded(node),
    service_account: bounded(pod.serviceAccount),
    labels: boundedMap(pod.labels, 317),
    workload_kind: bounded(pod.workloadKind),
    workload_name: bounded(pod.workloadName),
    extensions: { [X_K8S_POD.definition.id]: NEW_SCO },
  }) as StixObject;
}

export function containerObject(memo: IdMemo, container: ContainerInfo, podRef: string | undefined) {
  if (container.id === undefined) return undefined;
  const containerId = normaliseContainerId(container.id);
  if (!CONTAINER_ID.test(containerId)) return undefined;
  const shortId = containerId.slice(0, 12);
  return defined({
    type: 'x-k8s-container',
    spec_version: '2.1',
    id: memo.container(shortId),
    short_id: shortId,
    container_id: containerId,
    runtime: bounded(container.runtime),
    name: bounded(container.name),
    image: bounded(container.image),
    image_id: bounded(container.imageId),
    pod_ref: podRef,
    privileged: container.privileged,
    extensions: { [X_K8S_CONTAINER.definition.id]: NEW_SCO },
  }) as StixObject;
}

/** A `file` for a path, with its `directory` (a path ending in `/` is a directory only). */
export function pathObjects(memo: IdMemo, path: string): StixObject[] {
  const slash = path.lastIndexOf('/');
  if (slash === -1) return [fileObject(memo, path, undefined)];
  const dirPath = slash === 0 ? '/' : path.slice(0, slash);
  const directory = {
    type: 'directory',
    spec_version: '2.1',
    id: memo.sco('directory', dirPath, { path: dirPath }),
    path: dirPath,
  } as StixObject;
  const name = path.slice(slash + 1);
  if (name.length === 0) return [directory];
  return [fileObject(memo, name, directory.id), directory];
}

function fileObject(memo: IdMemo, name: string, directoryRef: string | undefined): StixObject {
  const contributing = directoryRef ? { name, parent_directory_ref: directoryRef } : { name };
  return {
    type: 'file',
    spec_version: '2.1',
    id: memo.sco('file', `${directoryRef ?? ''}\u0000${name}`, contributing),
    ...contributing,
  } as StixObject;
}

export function addressObject(memo: IdMemo, value: string | undefined): StixObject | undefined {
  if (value === undefined) return undefined;
  const type = isIpv4(value) ? 'ipv4-addr' : isIpv6(value) ? 'ipv6-addr' : undefined;
  if (type === undefined) return undefined;
  return { type, spec_version: '2.1', id: memo.sco(type, value, { value }), value } as StixObject;
}

/** A unix account by uid (`user_id` is the uid as text, as STIX's unix-account-ext examples do). */
export function unixUserObject(memo: IdMemo, uid: number): StixObject {
  const contributing = { account_type: 'unix', user_id: String(uid) };
  return {
    type: 'user-account',
    spec_version: '2.1',
    id: memo.sco('user-account', `unix\u0000${uid}`, contributing),
    ...contributing,
  } as StixObject;
}

const SERVICE_ACCOUNT = 'system:serviceaccount:';

/** A Kubernetes user or service account, by username (`system:serviceaccount:<ns>:<name>`). */
export function k8sUserObject(memo: IdMemo, user: K8sUser): StixObject | undefined {
  const username = bounded(user.username, 65_536);
  if (username === undefined) return undefined;
  const contributing = { account_type: 'kubernetes', user_id: username, account_login: username };
  return defined({
    type: 'user-account',
    spec_version: '2.1',
    id: memo.sco('user-account', `k8s\u0000${username}`, contributing),
    ...contributing,
    is_service_account: username.startsWith(SERVICE_ACCOUNT) ? true : undefined,
  }) as StixObject;
}

/** A `network-traffic` with its addresses; undefined when neither end is a valid IP address. */
export function trafficObjects(memo: IdMemo, connection: ConnectionInfo): StixObject[] {
  const src = addressObject(memo, connection.srcIp);
  const dst = addressObject(memo, connection.dstIp);
  if (src === undefined && dst === undefined) return [];
  const family = (src ?? dst)?.type === 'ipv6-addr' ? 'ipv6' : 'ipv4';
  const reported = connection.protocol?.toLowerCase();
  const transport = reported !== undefined && PROTOCOL.test(reported) ? reported : undefined;
  const protocols = transport && transport !== family ? [family, transport] : [family];
  const properties = defined({
    src_ref: src?.id,
    dst_ref: dst?.id,
    src_port: port(connection.srcPort),
    dst_port: port(connection.dstPort),
    protocols,
  });
  const traffic = {
    type: 'network-traffic',
    spec_version: '2.1',
    id: memo.sco('network-traffic', JSON.stringify(properties), properties),
    ...properties,
  } as StixObject;
  return [traffic, ...(src ? [src] : []), ...(dst ? [dst] : [])];
}

function port(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value >= 0 && value <= 65_535 ? value : undefined;
}
