/**
 * Tetragon's `Process` into the model's process, pod and container, and the lineage: Tetragon's own
 * `ancestors` when it sent them, else the parent followed by what the lineage tracker remembers.
 */
import type { TetragonContainer, TetragonProcess, TetragonProcessContext } from '../../sources/index.js';
import { Timestamp } from '../../stix/index.js';
import type { ContainerInfo, PodInfo, ProcessInfo } from '../model.js';
import type { NormaliseContext } from '../types.js';

/** The model's readonly shapes, writable while one is being filled in. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const RUNTIME_PREFIX = /^([a-z0-9-]{1,32}):\/\//i;
const TIME_OPTIONS = { allowOffset: true } as const;

/** A Tetragon time text as a Timestamp, or undefined when it is not one. */
export function parseTime(text: string | undefined): Timestamp | undefined {
  return text === undefined ? undefined : Timestamp.tryParse(text, TIME_OPTIONS);
}

// Every event repeats its process's and parent's start times, and parsing them was a tenth of the
// normaliser's cost; a parse is a pure function of the text, so a bounded memo is safe to share.
const START_TIMES = new Map<string, Timestamp | undefined>();
const START_TIMES_CAPACITY = 8192;

function parseStartTime(text: string | undefined): Timestamp | undefined {
  if (text === undefined) return undefined;
  if (START_TIMES.has(text)) return START_TIMES.get(text);
  const parsed = parseTime(text);
  if (START_TIMES.size >= START_TIMES_CAPACITY) START_TIMES.clear();
  START_TIMES.set(text, parsed);
  return parsed;
}

export function toProcessInfo(process: TetragonProcess, parentPid?: number): ProcessInfo | undefined {
  const out: Mutable<ProcessInfo> = {};
  if (process.execId !== undefined) out.execId = process.execId;
  if (process.parentExecId !== undefined) out.parentExecId = process.parentExecId;
  if (process.pid !== undefined) out.pid = process.pid;
  if (process.tid !== undefined) out.tid = process.tid;
  if (parentPid !== undefined) out.parentPid = parentPid;
  if (process.uid !== undefined) out.uid = process.uid;
  if (process.auid !== undefined) out.auid = process.auid;
  if (process.binary !== undefined) out.binary = process.binary;
  if (process.arguments !== undefined) out.arguments = process.arguments;
  if (process.cwd !== undefined) out.cwd = process.cwd;
  const startTime = parseStartTime(process.startTime);
  if (startTime !== undefined) out.startTime = startTime;
  if (process.flags !== undefined) out.flags = process.flags;
  // A process Tetragon reported as `{}` (a documentation fragment does) tells nothing: leave it out.
  for (const _ in out) return out;
  return undefined;
}

/** The pod, when Tetragon named it (namespace and name both reported). */
export function toPodInfo(process: TetragonProcess | undefined): PodInfo | undefined {
  const pod = process?.pod;
  if (pod?.namespace === undefined || pod.name === undefined) return undefined;
  const out: Mutable<PodInfo> = { namespace: pod.namespace, name: pod.name };
  if (pod.uid !== undefined) out.uid = pod.uid;
  if (pod.labels !== undefined) out.labels = pod.labels;
  if (pod.workloadKind !== undefined) out.workloadKind = pod.workloadKind;
  if (pod.workload !== undefined) out.workloadName = pod.workload;
  return out;
}

/** The container from `pod.container`, or from the `docker` id prefix for a container outside Kubernetes. */
export function toContainerInfo(process: TetragonProcess | undefined): ContainerInfo | undefined {
  if (process === undefined) return undefined;
  const container: TetragonContainer | undefined = process.pod?.container;
  const id = container?.id ?? process.docker;
  if (container === undefined && id === undefined) return undefined;
  const out: Mutable<ContainerInfo> = {};
  if (id !== undefined) {
    out.id = id;
    const runtime = RUNTIME_PREFIX.exec(id)?.[1];
    if (runtime !== undefined) out.runtime = runtime.toLowerCase();
  }
  if (container?.name !== undefined) out.name = container.name;
  if (container?.imageName !== undefined) out.image = container.imageName;
  if (container?.imageId !== undefined) out.imageId = container.imageId;
  if (container?.privileged !== undefined) out.privileged = container.privileged;
  return out;
}

export interface ProcessMapping {
  readonly process?: ProcessInfo | undefined;
  readonly lineage?: readonly ProcessInfo[] | undefined;
}

/**
 * The acting process and its ancestors, nearest first. Tetragon's `ancestors` start beyond the parent
 * (its agent walks up from the parent's parent), so lineage is `[parent, ...ancestors]`; without them
 * the tracker supplies what it remembers above the parent. Everything seen is remembered for later events.
 */
export function mapProcesses(event: TetragonProcessContext, context: NormaliseContext): ProcessMapping {
  const parent = event.parent === undefined ? undefined : toProcessInfo(event.parent);
  const process = event.process === undefined ? undefined : toProcessInfo(event.process, parent?.pid);
  const lineage: ProcessInfo[] = [];
  if (parent !== undefined) lineage.push(parent);
  if (event.ancestors !== undefined) {
    for (const ancestor of event.ancestors) {
      const info = toProcessInfo(ancestor);
      if (info === undefined) continue;
      lineage.push(info);
      context.lineage.remember(info);
    }
  } else {
    const above = parent === undefined ? process?.parentExecId : parent.parentExecId;
    // The tracker stops at a cycle among what it walked; this also stops at the event's own processes
    // (Tetragon reports the kernel, pid 0, as its own parent).
    for (const ancestor of context.lineage.ancestorsFrom(above)) {
      const id = ancestor.execId;
      if (id === undefined || id === process?.execId || id === parent?.execId) break;
      lineage.push(ancestor);
    }
  }
  context.lineage.remember(process);
  context.lineage.remember(parent);
  return { process, lineage: lineage.length === 0 ? undefined : lineage };
}
