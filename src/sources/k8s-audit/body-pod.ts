/**
 * The facts of a pod spec (a Pod's `spec`, or a workload's pod template): its containers and the
 * host namespaces, hostPath volumes and service account it asks for. Environment variables, volume
 * sources other than hostPath and everything else in the spec are never read.
 */
import type { JsonObject } from '../fields.js';
import {
  eachObject,
  flagOf,
  idOf,
  joinedArgv,
  listOf,
  MAX_ITEMS,
  objectAt,
  present,
  textOf,
  textsOf,
} from './body-read.js';
import type { BodyContainer, BodyFacts } from './types.js';

type PodFacts = Pick<
  BodyFacts,
  | 'containers'
  | 'hostNetwork'
  | 'hostPid'
  | 'hostIpc'
  | 'hostPathVolumes'
  | 'serviceAccountName'
  | 'nodeName'
  | 'automountServiceAccountToken'
>;

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** Where each workload kind keeps its pod spec, below the object. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The pod spec of an object of `kind`, when that kind has one. */
export function podSpecOf(kind: string, object: JsonObject): JsonObject | undefined {
  const path = Object.hasOwn(POD_SPEC_PATHS, kind) ? POD_SPEC_PATHS[kind] : undefined;
  return path === undefined ? undefined : objectAt(object, ...path);
}

export function podFacts(spec: JsonObject): PodFacts {
  const podRunAsUser = idOf(objectAt(spec, 'securityContext'), 'runAsUser');
  return present<PodFacts>({
    containers: selectContainers(spec).map((container) => containerFacts(container, podRunAsUser)),
    hostNetwork: flagOf(spec, 'hostNetwork'),
    hostPid: flagOf(spec, 'hostPID'),
    hostIpc: flagOf(spec, 'hostIPC'),
    hostPathVolumes: hostPathsOf(spec),
    // serviceAccount is the deprecated alias the API server still fills in.
    serviceAccountName: textOf(spec, 'serviceAccountName') ?? textOf(spec, 'serviceAccount'),
    nodeName: textOf(spec, 'nodeName'),
    automountServiceAccountToken: flagOf(spec, 'automountServiceAccountToken'),
  });
}

/**
 * At most MAX_ITEMS containers, in spec order. Beyond that, a container that asks for more privilege
 * takes the place of the last one that does not, so that padding a pod with plain containers cannot hide
 * a privileged one.
 */
function selectContainers(spec: JsonObject): JsonObject[] {
  const selected: { container: JsonObject; notable: boolean }[] = [];
  let plain = 0;
  for (const list of CONTAINER_LISTS) {
    eachObject(spec, list, (container) => {
      const notable = asksForPrivilege(container);
      if (selected.length >= MAX_ITEMS) {
        if (!notable || plain === 0) return undefined;
        selected.splice(
          selected.findLastIndex((entry) => !entry.notable),
          1,
        );
        plain -= 1;
      }
      selected.push({ container, notable });
      if (!notable) plain += 1;
      return undefined;
    });
  }
  return selected.map((entry) => entry.container);
}

function asksForPrivilege(container: JsonObject): boolean {
  const security = objectAt(container, 'securityContext');
  return (
    flagOf(security, 'privileged') === true ||
    flagOf(security, 'allowPrivilegeEscalation') === true ||
    idOf(security, 'runAsUser') === 0 ||
    listOf(objectAt(security, 'capabilities'), 'add').length > 0
  );
}

function containerFacts(container: JsonObject, podRunAsUser: number | undefined): BodyContainer {
  const security = objectAt(container, 'securityContext');
  return present<BodyContainer>({
    name: textOf(container, 'name'),
    image: textOf(container, 'image'),
    privileged: flagOf(security, 'privileged'),
    allowPrivilegeEscalation: flagOf(security, 'allowPrivilegeEscalation'),
    runAsUser: idOf(security, 'runAsUser') ?? podRunAsUser,
    capabilitiesAdd: textsOf(objectAt(security, 'capabilities'), 'add'),
    command: joinedArgv([listOf(container, 'command'), listOf(container, 'args')]),
  });
}

/** The distinct hostPath volume paths, at most MAX_ITEMS; other volumes do not count towards the cap. */
function hostPathsOf(spec: JsonObject): string[] {
  const paths = new Set<string>();
  eachObject(spec, 'volumes', (volume) => {
    const path = textOf(objectAt(volume, 'hostPath'), 'path');
    if (path !== undefined) paths.add(path);
    return paths.size < MAX_ITEMS;
  });
  return [...paths];
}
