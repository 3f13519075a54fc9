/**
 * The node-agent's `processTree`: a process with its descendants (`childrenMap`, keyed `comm␟pid`, and
 * the older `children` list). The walk is bounded in depth and in nodes so that a hostile tree costs at
 * most a fixed amount; what lies beyond the bounds is left out, not rejected, so the alert still counts.
 */
import {
  isObject,
  type JsonObject,
  optionalArray,
  optionalInteger,
  optionalObject,
  optionalText,
  shapeError,
} from '../fields.js';
import type { KubescapeProcess } from './types.js';

/** Levels of descendants kept below the root; real chains (init → … → offender) are a handful deep. */
export const MAX_PROCESS_TREE_DEPTH = 64;
/** Processes kept per tree. */
export const MAX_PROCESS_TREE_NODES = 1024;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Budget {
  nodes: number;
}

/** Decodes a process tree rooted at `object`; `path` names it in errors. */
export function decodeProcessTree(object: JsonObject, path: string): KubescapeProcess {
  return decodeProcess(object, path, 0, { nodes: MAX_PROCESS_TREE_NODES - 1 });
}

function decodeProcess(object: JsonObject, path: string, depth: number, budget: Budget): KubescapeProcess {
  const children: KubescapeProcess[] = [];
  const process: Mutable<KubescapeProcess> = { children };
  const pid = optionalInteger(object, 'pid', path);
  if (pid !== undefined) process.pid = pid;
  const ppid = optionalInteger(object, 'ppid', path);
  if (ppid !== undefined) process.ppid = ppid;
  const comm = optionalText(object, 'comm', path);
  if (comm !== undefined) process.comm = comm;
  const pcomm = optionalText(object, 'pcomm', path);
  if (pcomm !== undefined) process.pcomm = pcomm;
  const cmdline = optionalText(object, 'cmdline', path);
  if (cmdline !== undefined) process.cmdline = cmdline;
  const exePath = optionalText(object, 'path', path);
  if (exePath !== undefined) process.path = exePath;
  const hardlink = optionalText(object, 'hardlink', path);
  if (hardlink !== undefined) process.hardlink = hardlink;
  const cwd = optionalText(object, 'cwd', path);
  if (cwd !== undefined) process.cwd = cwd;
  const uid = optionalInteger(object, 'uid', path);
  if (uid !== undefined) process.uid = uid;
  const gid = optionalInteger(object, 'gid', path);
  if (gid !== undefined) process.gid = gid;
  const startTime = optionalText(object, 'startTime', path);
  if (startTime !== undefined) process.startTime = startTime;
  if (depth < MAX_PROCESS_TREE_DEPTH) addChildren(object, path, depth + 1, budget, children);
  return process;
}

function addChildren(
  object: JsonObject,
  path: string,
  depth: number,
  budget: Budget,
  children: KubescapeProcess[],
): void {
  const byKey = optionalObject(object, 'childrenMap', path);
  if (byKey !== undefined) {
    let index = 0;
    // Entries are named by position, not by key: keys are attacker-chosen text of any length.
    for (const key in byKey) {
      if (!Object.hasOwn(byKey, key)) continue;
      const childPath = `${path}.childrenMap[${index}]`;
      index += 1;
      const child = byKey[key];
      if (child === null) continue;
      if (!isObject(child)) throw shapeError(childPath, 'an object');
      if (budget.nodes <= 0) return;
      budget.nodes -= 1;
      children.push(decodeProcess(child, childPath, depth, budget));
    }
  }
  const list = optionalArray(object, 'children', path);
  if (list === undefined) return;
  for (const [index, child] of list.entries()) {
    if (child === null) continue;
    const childPath = `${path}.children[${index}]`;
    if (!isObject(child)) throw shapeError(childPath, 'an object');
    if (budget.nodes <= 0) return;
    budget.nodes -= 1;
    children.push(decodeProcess(child, childPath, depth, budget));
  }
}
