/**
 * The pod behind an API request. A service-account token bound to a pod (every projected token since
 * Kubernetes 1.21) makes the authenticator record the pod in `user.extra`; that names the acting pod,
 * which is what joins an audited API call to the same pod's eBPF events. The request's target
 * (`objectRef`) is never taken for the actor.
 */
import type { AuditEvent } from '../../sources/index.js';
import type { PodInfo } from '../model.js';

type AuditUser = NonNullable<AuditEvent['user']>;

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
const POD_NAME = 'authentication.kubernetes.io/pod-name';
const POD_UID = 'authentication.kubernetes.io/pod-uid';
/** Recorded from Kubernetes 1.30 (ServiceAccountTokenPodNodeInfo): the node the bound pod runs on. */
const NODE_NAME = 'authentication.kubernetes.io/node-name';

export interface ActingPod {
  readonly pod: PodInfo;
  readonly node: string | undefined;
}

/** The pod whose bound service-account token made the request, or undefined when it was not one. */
export function actingPod(user: AuditUser | undefined): ActingPod | undefined {
  const extra = user?.extra;
  if (user === undefined || extra === undefined) return undefined;
  const name = firstValue(extra, POD_NAME);
  const account = serviceAccountOf(user.username);
  // The namespace comes only from the username: extra carries none, and the target's is not the actor's.
  if (name === undefined || account === undefined) return undefined;
  const uid = firstValue(extra, POD_UID);
  const pod: PodInfo =
    uid === undefined
      ? { namespace: account.namespace, name, serviceAccount: account.name }
      : { namespace: account.namespace, name, uid, serviceAccount: account.name };
  return { pod, node: firstValue(extra, NODE_NAME) };
}

/** `system:serviceaccount:<namespace>:<name>` → its parts; undefined for any other username. */
export function serviceAccountOf(
  username: string | undefined,
): { readonly namespace: string; readonly name: string } | undefined {
  if (username === undefined || !username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const colon = username.indexOf(':', SERVICE_ACCOUNT_PREFIX.length);
  if (colon === -1) return undefined;
  const namespace = username.slice(SERVICE_ACCOUNT_PREFIX.length, colon);
  const name = username.slice(colon + 1);
  if (namespace === '' || name === '' || name.includes(':')) return undefined;
  return { namespace, name };
}

function firstValue(extra: Readonly<Record<string, readonly string[]>>, key: string): string | undefined {
  const value = Object.hasOwn(extra, key) ? extra[key]?.[0] : undefined;
  return value === '' ? undefined : value;
}
