/**
 * The acting process, its ancestors, its container and its pod, from Falco's `proc.*`, `user.*`,
 * `container.*` and `k8s.*` output fields.
 */
import type { ContainerInfo, PodInfo, ProcessInfo } from '../model.js';
import { fieldSlot, labelsOf, type OutputFields } from './output-fields.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Ancestors read at most through `proc.aname[n]` & co. (n = 2 is the grandparent). */
export const MAX_FALCO_ANCESTORS = 16;
/** Falco's `user.loginuid` for "not set"; the model writes it as the kernel's 4294967295. */
const UNSET_LOGINUID = -1;
const UNSET_AUID = 4_294_967_295;

const mapped = (name: string) => fieldSlot(name, 'mapped');

const PID = mapped('proc.pid');
const TID = mapped('thread.tid');
const UID = mapped('user.uid');
const GID = mapped('group.gid');
const LOGINUID = mapped('user.loginuid');
const EXEPATH = mapped('proc.exepath');
const EXE = mapped('proc.exe');
const NAME = mapped('proc.name');
const ARGS = mapped('proc.args');
const CMDLINE = mapped('proc.cmdline');
const CWD = mapped('proc.cwd');

interface AncestorSlots {
  readonly pid: number;
  readonly name: number;
  readonly exepath: number;
  readonly exe: number;
  readonly cmdline: number;
}

const PARENT: AncestorSlots = {
  pid: mapped('proc.ppid'),
  name: mapped('proc.pname'),
  exepath: mapped('proc.pexepath'),
  exe: mapped('proc.pexe'),
  cmdline: mapped('proc.pcmdline'),
};

// `proc.aname[2]`, `proc.apid[2]`, … for the grandparent and above.
const ANCESTORS: readonly AncestorSlots[] = Array.from({ length: MAX_FALCO_ANCESTORS - 1 }, (_, i) => ({
  pid: mapped(`proc.apid[${i + 2}]`),
  name: mapped(`proc.aname[${i + 2}]`),
  exepath: mapped(`proc.aexepath[${i + 2}]`),
  exe: mapped(`proc.aexe[${i + 2}]`),
  cmdline: mapped(`proc.acmdline[${i + 2}]`),
}));

const CONTAINER_ID = mapped('container.id');
const CONTAINER_NAME = mapped('container.name');
const IMAGE = mapped('container.image');
const IMAGE_REPOSITORY = mapped('container.image.repository');
const IMAGE_TAG = mapped('container.image.tag');
const IMAGE_DIGEST = mapped('container.image.digest');
const IMAGE_ID = mapped('container.image.id');
const RUNTIME = mapped('container.type');
const PRIVILEGED = mapped('container.privileged');

const NAMESPACE = mapped('k8s.ns.name');
const POD_NAME = mapped('k8s.pod.name');
const POD_UID = mapped('k8s.pod.uid');
const POD_LABELS = mapped('k8s.pod.labels');
const WORKLOADS = [
  [mapped('k8s.deployment.name'), 'Deployment'],
  [mapped('k8s.statefulset.name'), 'StatefulSet'],
  [mapped('k8s.ds.name'), 'DaemonSet'],
  [mapped('k8s.rs.name'), 'ReplicaSet'],
] as const;

export function processOf(fields: OutputFields): ProcessInfo | undefined {
  const out: Mutable<ProcessInfo> = {};
  const pid = fields.integer(PID);
  if (pid !== undefined) out.pid = pid;
  const tid = fields.integer(TID);
  if (tid !== undefined) out.tid = tid;
  const parentPid = fields.integer(PARENT.pid);
  if (parentPid !== undefined) out.parentPid = parentPid;
  const uid = fields.integer(UID);
  if (uid !== undefined) out.uid = uid;
  const gid = fields.integer(GID);
  if (gid !== undefined) out.gid = gid;
  const loginuid = fields.integer(LOGINUID);
  if (loginuid !== undefined) out.auid = loginuid === UNSET_LOGINUID ? UNSET_AUID : loginuid;
  const binary = fields.text(EXEPATH) ?? fields.absolutePath(EXE);
  if (binary !== undefined) out.binary = binary;
  const name = fields.text(NAME);
  if (name !== undefined) out.name = name;
  const args = fields.text(ARGS);
  if (args !== undefined) out.arguments = args;
  const commandLine = fields.text(CMDLINE);
  if (commandLine !== undefined) out.commandLine = commandLine;
  const cwd = fields.text(CWD);
  if (cwd !== undefined) out.cwd = cwd;
  return Object.keys(out).length === 0 ? undefined : out;
}

function ancestor(fields: OutputFields, slots: AncestorSlots): Mutable<ProcessInfo> | undefined {
  const out: Mutable<ProcessInfo> = {};
  const pid = fields.integer(slots.pid);
  if (pid !== undefined) out.pid = pid;
  const name = fields.text(slots.name);
  if (name !== undefined) out.name = name;
  const binary = fields.text(slots.exepath) ?? fields.absolutePath(slots.exe);
  if (binary !== undefined) out.binary = binary;
  const commandLine = fields.text(slots.cmdline);
  if (commandLine !== undefined) out.commandLine = commandLine;
  return pid === undefined && name === undefined && binary === undefined && commandLine === undefined
    ? undefined
    : out;
}

/**
 * Parent, grandparent, … nearest first, as far as the output reports them without a gap: a missing
 * level would shift every ancestor above it into the wrong place.
 */
export function lineageOf(fields: OutputFields): readonly ProcessInfo[] | undefined {
  const parent = ancestor(fields, PARENT);
  if (parent === undefined) return undefined;
  const chain = [parent];
  for (const slots of ANCESTORS) {
    const next = ancestor(fields, slots);
    if (next === undefined) break;
    const child = chain[chain.length - 1];
    if (child !== undefined && next.pid !== undefined) child.parentPid = next.pid;
    chain.push(next);
  }
  return chain;
}

/** The container, unless the event came from the host (`container.id` is `host`). */
export function containerOf(fields: OutputFields): ContainerInfo | undefined {
  const id = fields.text(CONTAINER_ID);
  if (id === 'host') return undefined;
  const out: Mutable<ContainerInfo> = {};
  if (id !== undefined) out.id = id;
  const name = fields.text(CONTAINER_NAME);
  if (name !== undefined) out.name = name;
  const image = fields.text(IMAGE) ?? imageFromParts(fields);
  if (image !== undefined) out.image = image;
  const imageId = fields.text(IMAGE_DIGEST) ?? fields.text(IMAGE_ID);
  if (imageId !== undefined) out.imageId = imageId;
  const runtime = fields.text(RUNTIME);
  if (runtime !== undefined) out.runtime = runtime;
  const privileged = fields.boolean(PRIVILEGED);
  if (privileged !== undefined) out.privileged = privileged;
  return Object.keys(out).length === 0 ? undefined : out;
}

function imageFromParts(fields: OutputFields): string | undefined {
  const repository = fields.text(IMAGE_REPOSITORY);
  if (repository === undefined) return undefined;
  const tag = fields.text(IMAGE_TAG);
  return tag === undefined ? repository : `${repository}:${tag}`;
}

/** The pod, when both its namespace and name are reported. */
export function podOf(fields: OutputFields): PodInfo | undefined {
  const namespace = fields.text(NAMESPACE);
  const name = fields.text(POD_NAME);
  if (namespace === undefined || name === undefined) return undefined;
  const out: Mutable<PodInfo> = { namespace, name };
  const uid = fields.text(POD_UID);
  if (uid !== undefined) out.uid = uid;
  const labels = labelsOf(fields.value(POD_LABELS));
  if (labels !== undefined) out.labels = labels;
  for (const [slot, kind] of WORKLOADS) {
    const workload = fields.text(slot);
    if (workload === undefined) continue;
    out.workloadKind = kind;
    out.workloadName = workload;
    break;
  }
  return out;
}
