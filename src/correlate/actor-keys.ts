/**
 * The keys that tie observations to one actor: the source address of API and inbound traffic, the
 * Kubernetes identity, the pod, and process lineage (Tetragon exec ids). Two observations that share a
 * key belong to the same actor session, so a session grows along the chain SSH source IP → shell in the
 * bait pod → that pod's service account calling the API.
 */
import type { NormalisedEvent } from '../normalise/index.js';

/**
 * Identities too widely shared to say "same actor": every unauthenticated caller is `system:anonymous`,
 * and loopback/unspecified addresses are the cluster talking to itself.
 */
const SHARED_USERS: ReadonlySet<string> = new Set(['system:anonymous', 'system:unauthenticated']);
const SHARED_ADDRESSES: ReadonlySet<string> = new Set(['127.0.0.1', '::1', '0.0.0.0', '::']);
const SERVICE_ACCOUNT = 'system:serviceaccount:';
/** Hooks whose connection's source is the remote party (the connection came in). */
const INBOUND = /accept/;

export function actorKeys(event: NormalisedEvent): string[] {
  const keys = new Set<string>();
  const request = event.request;
  if (request) {
    for (const ip of request.sourceIps ?? []) if (!SHARED_ADDRESSES.has(ip)) keys.add(`ip:${ip}`);
    const user = request.impersonatedUser ?? request.user;
    if (user && !SHARED_USERS.has(user.username)) keys.add(`user:${user.username}`);
    // Whoever creates a pod, or execs or attaches into one, acts in it from then on.
    const object = request.object;
    const intoPod =
      object?.resource === 'pods' &&
      ((request.verb === 'create' && object.subresource === undefined) ||
        object.subresource === 'exec' ||
        object.subresource === 'attach');
    if (intoPod && object.namespace !== undefined && object.name !== undefined) {
      keys.add(`pod:${object.namespace}/${object.name}`);
    }
    // A bound service-account token names its pod: the API call and the shell in that pod are one actor.
    if (user?.boundPod !== undefined && user.username.startsWith(SERVICE_ACCOUNT)) {
      const namespace = user.username.slice(SERVICE_ACCOUNT.length).split(':')[0];
      if (namespace) keys.add(`pod:${namespace}/${user.boundPod}`);
    }
  }
  const hook = event.detection?.hook;
  if (hook !== undefined && INBOUND.test(hook)) {
    for (const c of event.connections ?? [])
      if (c.srcIp && !SHARED_ADDRESSES.has(c.srcIp)) keys.add(`ip:${c.srcIp}`);
  }
  if (event.pod) {
    keys.add(`pod:${event.pod.namespace}/${event.pod.name}`);
    if (event.pod.serviceAccount) {
      keys.add(`user:${SERVICE_ACCOUNT}${event.pod.namespace}:${event.pod.serviceAccount}`);
    }
  }
  for (const process of [event.process, ...(event.lineage ?? [])]) {
    if (process?.execId) keys.add(`exec:${process.execId}`);
  }
  if (event.process?.parentExecId) keys.add(`exec:${event.process.parentExecId}`);
  return [...keys];
}
