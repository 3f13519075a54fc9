/**
 * Process lineage from exec ids: sensors such as Tetragon report a process and its parent, and the
 * whole ancestry only when `ancestors` is enabled. The tracker remembers recently seen processes by
 * exec id so the chain can be rebuilt from `parent_exec_id` links. Bounded: the least recently seen
 * processes are forgotten first; a walk stops at a cycle or at `maxDepth`.
 */
import type { ProcessInfo } from './model.js';

export interface LineageOptions {
  /** Processes remembered at most (default 100 000). */
  readonly capacity?: number;
  /** Ancestors returned at most (default 64). */
  readonly maxDepth?: number;
}

export class LineageTracker {
  readonly #known = new Map<string, ProcessInfo>();
  readonly #capacity: number;
  readonly #maxDepth: number;

  constructor(options: LineageOptions = {}) {
    this.#capacity = Math.max(1, options.capacity ?? 100_000);
    this.#maxDepth = Math.max(0, options.maxDepth ?? 64);
  }

  /** Remembers a process (one with an exec id); a later report of the same exec id adds what it knows. */
  remember(process: ProcessInfo | undefined): void {
    const execId = process?.execId;
    if (process === undefined || execId === undefined) return;
    const known = this.#known.get(execId);
    if (known !== undefined) this.#known.delete(execId);
    // Most reports of a known process add nothing: keep the remembered object rather than merging.
    const merged =
      known === undefined
        ? process
        : addsSomething(known, process)
          ? { ...known, ...definedOnly(process) }
          : known;
    this.#known.set(execId, merged);
    if (this.#known.size > this.#capacity) {
      const oldest = this.#known.keys().next().value;
      if (oldest !== undefined) this.#known.delete(oldest);
    }
  }

  /** The process remembered under `execId`, if any. */
  get(execId: string): ProcessInfo | undefined {
    return this.#known.get(execId);
  }

  /**
   * The ancestors of a process whose parent has exec id `parentExecId`, nearest first, as far as they
   * are known. Stops at an unknown exec id, a cycle, or `maxDepth`.
   */
  ancestorsFrom(parentExecId: string | undefined): ProcessInfo[] {
    const chain: ProcessInfo[] = [];
    const seen = new Set<string>();
    let next = parentExecId;
    while (next !== undefined && chain.length < this.#maxDepth && !seen.has(next)) {
      seen.add(next);
      const process = this.#known.get(next);
      if (process === undefined) break;
      chain.push(process);
      next = process.parentExecId;
    }
    return chain;
  }

  get size(): number {
    return this.#known.size;
  }
}

function addsSomething(known: ProcessInfo, process: ProcessInfo): boolean {
  for (const key in process) {
    const value = process[key as keyof ProcessInfo];
    if (value !== undefined && value !== known[key as keyof ProcessInfo]) return true;
  }
  return false;
}

function definedOnly(process: ProcessInfo): Partial<ProcessInfo> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(process)) if (value !== undefined) out[key] = value;
  return out as Partial<ProcessInfo>;
}
