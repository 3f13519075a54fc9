/**
 * The `request_object` property of `x-k8s-api-request`: the body facts under snake_case names, within
 * the schema's bounds. A binding's `roleRef` is written `role`, because STIX reserves property names
 * ending in `_ref` for identifiers (and the validator checks nested ones too).
 */
import type { BodyContainer, BodyFacts, BodySubject } from '../../sources/index.js';
import { bounded, defined } from './text.js';

const MAX_ITEMS = 64;
const MAX_UID = 2_147_483_647;

/** The `request_object` value, or undefined when the event had no body facts. */
export function requestObjectOf(body: BodyFacts | undefined): Record<string, unknown> | undefined {
  const kind = bounded(body?.kind);
  if (body === undefined || kind === undefined) return undefined;
  return defined({
    kind,
    name: bounded(body.name),
    namespace: bounded(body.namespace),
    containers: list(body.containers, containerOf),
    host_network: body.hostNetwork,
    host_pid: body.hostPid,
    host_ipc: body.hostIpc,
    host_path_volumes: texts(body.hostPathVolumes),
    service_account_name: bounded(body.serviceAccountName),
    node_name: bounded(body.nodeName),
    automount_service_account_token: body.automountServiceAccountToken,
    role: nonEmptyObject(defined({ kind: bounded(body.roleRef?.kind), name: bounded(body.roleRef?.name) })),
    subjects: list(body.subjects, subjectOf),
    verbs: texts(body.verbs),
    resources: texts(body.resources),
    // `""` is the core API group: kept, it is what a rule on core resources says.
    api_groups: texts(body.apiGroups, true),
    webhook_names: texts(body.webhookNames),
    schedule: bounded(body.schedule),
  });
}

function containerOf(container: BodyContainer): Record<string, unknown> | undefined {
  const runAsUser = container.runAsUser;
  return nonEmptyObject(
    defined({
      name: bounded(container.name),
      image: bounded(container.image),
      privileged: container.privileged,
      allow_privilege_escalation: container.allowPrivilegeEscalation,
      run_as_user:
        runAsUser !== undefined && Number.isInteger(runAsUser) && runAsUser >= 0 && runAsUser <= MAX_UID
          ? runAsUser
          : undefined,
      capabilities_add: texts(container.capabilitiesAdd),
      command: bounded(container.command),
    }),
  );
}

function subjectOf(subject: BodySubject): Record<string, unknown> | undefined {
  return nonEmptyObject(
    defined({
      kind: bounded(subject.kind),
      name: bounded(subject.name),
      namespace: bounded(subject.namespace),
    }),
  );
}

function list<T>(
  items: readonly T[] | undefined,
  map: (item: T) => Record<string, unknown> | undefined,
): Record<string, unknown>[] | undefined {
  const out: Record<string, unknown>[] = [];
  for (const item of items?.slice(0, MAX_ITEMS) ?? []) {
    const mapped = map(item);
    if (mapped !== undefined) out.push(mapped);
  }
  return out.length === 0 ? undefined : out;
}

function texts(items: readonly string[] | undefined, keepEmpty = false): string[] | undefined {
  const out: string[] = [];
  for (const item of items?.slice(0, MAX_ITEMS) ?? []) {
    const text = keepEmpty && item === '' ? '' : bounded(item);
    if (text !== undefined) out.push(text);
  }
  return out.length === 0 ? undefined : out;
}

function nonEmptyObject(object: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(object).length === 0 ? undefined : object;
}
