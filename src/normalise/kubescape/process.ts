/**
 * The alerting process and its ancestors from the node-agent's process tree. The tree runs from the
 * container's first known process down to the one that fired (`infectedPID`); that process's ancestors
 * are the tree nodes above it, and above the tree's root its reported parent (`ppid`, `pcomm`).
 */
import type { KubescapeAlert } from '../../sources/index.js';
import { Timestamp } from '../../stix/index.js';
import type { ProcessInfo } from '../model.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type KubescapeProcess = NonNullable<KubescapeAlert['processTree']>;

/** Levels searched below the root; the decoder keeps no deeper ones, this guards the walk regardless. */
const MAX_SEARCH_DEPTH = 256;
/** The node-agent's "start time unknown": Go's zero `time.Time`. */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

export interface ProcessAndLineage {
  readonly process?: ProcessInfo;
  readonly lineage?: readonly ProcessInfo[];
}

/** The tree nodes from `root` down to the process `pid`, or undefined when it is not in the tree. */
function pathTo(root: KubescapeProcess, pid: number): KubescapeProcess[] | undefined {
  const path: KubescapeProcess[] = [];
  const search = (node: KubescapeProcess, depth: number): boolean => {
    path.push(node);
    if (node.pid === pid) return true;
    if (depth < MAX_SEARCH_DEPTH)
      for (const child of node.children) if (search(child, depth + 1)) return true;
    path.pop();
    return false;
  };
  return search(root, 0) ? path : undefined;
}

/** One tree node as a process. */
function processOf(node: KubescapeProcess): Mutable<ProcessInfo> {
  const out: Mutable<ProcessInfo> = {};
  if (node.pid !== undefined) out.pid = node.pid;
  if (node.ppid !== undefined) out.parentPid = node.ppid;
  if (node.uid !== undefined) out.uid = node.uid;
  if (node.gid !== undefined) out.gid = node.gid;
  const binary = absolute(node.path) ?? absolute(node.hardlink);
  if (binary !== undefined) out.binary = binary;
  if (node.comm !== undefined) out.name = node.comm;
  if (node.cmdline !== undefined) out.commandLine = node.cmdline;
  if (node.cwd !== undefined) out.cwd = node.cwd;
  const startTime = startTimeOf(node.startTime);
  if (startTime !== undefined) out.startTime = startTime;
  return out;
}

function absolute(path: string | undefined): string | undefined {
  return path?.startsWith('/') ? path : undefined;
}

/** A start time, unless it is Go's zero time or not RFC 3339 (it is a detail: the alert stands without it). */
function startTimeOf(text: string | undefined): Timestamp | undefined {
  if (text === undefined || text === GO_ZERO_TIME) return undefined;
  return Timestamp.tryParse(text, { allowOffset: true });
}

/** The parent of the tree's root, as far as the root reports it. */
function parentOfRoot(root: KubescapeProcess): ProcessInfo | undefined {
  if (root.ppid === undefined && root.pcomm === undefined) return undefined;
  const out: Mutable<ProcessInfo> = {};
  if (root.ppid !== undefined) out.pid = root.ppid;
  if (root.pcomm !== undefined) out.name = root.pcomm;
  return out;
}

/**
 * The alerting process (the node with pid `infectedPID`, else the root when the alert names no pid)
 * and its ancestors nearest first. A process the tree does not hold is known only by its pid and the
 * alert's identifiers; its ancestry is then unknown.
 */
export function processAndLineage(alert: KubescapeAlert): ProcessAndLineage {
  const root = alert.processTree;
  const pid = alert.infectedPid;
  const path = root === undefined ? undefined : pid === undefined ? [root] : pathTo(root, pid);
  if (root === undefined || path === undefined) {
    if (pid === undefined) return {};
    const process: Mutable<ProcessInfo> = { pid };
    addIdentifiers(process, alert);
    return { process };
  }
  const target = path[path.length - 1] ?? root;
  const process = processOf(target);
  addIdentifiers(process, alert);
  const lineage: ProcessInfo[] = [];
  for (let index = path.length - 2; index >= 0; index -= 1) {
    const node = path[index];
    if (node !== undefined) lineage.push(processOf(node));
  }
  const above = parentOfRoot(root);
  if (above !== undefined) lineage.push(above);
  return lineage.length === 0 ? { process } : { process, lineage };
}

/** The alert's `identifiers.process` fills in what the tree left out. */
function addIdentifiers(process: Mutable<ProcessInfo>, alert: KubescapeAlert): void {
  const identifiers = alert.identifiers;
  if (identifiers === undefined) return;
  if (process.name === undefined && identifiers.processName !== undefined)
    process.name = identifiers.processName;
  if (process.commandLine === undefined && identifiers.processCommandLine !== undefined) {
    process.commandLine = identifiers.processCommandLine;
  }
}
