/**
 * The correlation engine: witness hits in, actor sessions with their progress through every branch out,
 * and incidents when a session gets far enough. Pure: no I/O, no clock (observation times only), so a
 * replay gives the same sessions and incidents as the live run did.
 */
import type { Branch, Leaf, ThreatModel } from '../threatmodel/index.js';
import { leavesOf } from '../threatmodel/index.js';
import { type ActorSession, type SessionOptions, SessionTable, type WitnessHit } from './sessions.js';
import { type NodeProgress, progressOf } from './tree-progress.js';

export interface CorrelatorOptions extends SessionOptions {
  /** A session opens an incident on a branch when its progress reaches this fraction. Default 0.5. */
  readonly incidentFraction?: number;
  /** …and it has witnessed at least this many distinct leaves of the branch. Default 2. */
  readonly incidentMinLeaves?: number;
}

export type Severity = 'medium' | 'high' | 'critical';

export interface Incident {
  readonly id: string;
  readonly session: string;
  readonly branch: string;
  /** Witnessed leaves of the branch, in order of first observation. */
  leaves: string[];
  techniques: string[];
  fraction: number;
  goalReached: boolean;
  severity: Severity;
  opened: bigint;
  updated: bigint;
}

export interface BranchState {
  readonly branch: string;
  readonly fraction: number;
  readonly done: boolean;
  readonly nodes: ReadonlyMap<string, NodeProgress>;
}

export type CorrelationEvent =
  | { readonly type: 'session-opened' | 'session-updated'; readonly session: string }
  | {
      readonly type: 'session-merged';
      readonly session: string;
      readonly absorbed: readonly string[];
      /** Incidents of the absorbed sessions: the surviving session's incidents replace them. */
      readonly droppedIncidents: readonly string[];
    }
  | { readonly type: 'incident-opened' | 'incident-updated'; readonly incident: Incident };

export class Correlator {
  readonly #model: ThreatModel;
  readonly #sessions: SessionTable;
  readonly #incidents = new Map<string, Incident>();
  readonly #branchOfLeaf = new Map<string, Branch>();
  readonly #leafById = new Map<string, Leaf>();
  readonly #fraction: number;
  readonly #minLeaves: number;

  constructor(model: ThreatModel, options: CorrelatorOptions = {}) {
    this.#model = model;
    this.#sessions = new SessionTable(options);
    this.#fraction = options.incidentFraction ?? 0.5;
    this.#minLeaves = options.incidentMinLeaves ?? 2;
    for (const { branch, leaf } of leavesOf(model)) {
      this.#branchOfLeaf.set(leaf.id, branch);
      this.#leafById.set(leaf.id, leaf);
    }
  }

  push(hit: WitnessHit): CorrelationEvent[] {
    const added = this.#sessions.add(hit);
    if (!added) return [];
    const { session, absorbed, opened } = added;
    const events: CorrelationEvent[] = [
      { type: opened ? 'session-opened' : 'session-updated', session: session.id },
    ];
    if (absorbed.length > 0) {
      const droppedIncidents: string[] = [];
      for (const incident of this.#incidents.values()) {
        if (!absorbed.some((s) => s.id === incident.session)) continue;
        this.#incidents.delete(incident.id);
        droppedIncidents.push(incident.id);
      }
      events.push({
        type: 'session-merged',
        session: session.id,
        absorbed: absorbed.map((s) => s.id),
        droppedIncidents,
      });
    }
    const branches = new Set<Branch>();
    for (const leaf of session.leafTimes.keys()) {
      const branch = this.#branchOfLeaf.get(leaf);
      if (branch) branches.add(branch);
    }
    for (const branch of branches) {
      const event = this.#judge(session, branch, hit.time);
      if (event) events.push(event);
    }
    return events;
  }

  /** Progress of a session on a branch. */
  progress(session: ActorSession, branch: Branch): BranchState {
    const nodes = new Map<string, NodeProgress>();
    const root = progressOf(branch, session.leafTimes, nodes);
    return { branch: branch.id, fraction: root.fraction, done: root.done, nodes };
  }

  closeIdle(): ActorSession[] {
    return this.#sessions.closeIdle();
  }

  session(id: string): ActorSession | undefined {
    return this.#sessions.get(id);
  }

  incident(id: string): Incident | undefined {
    return this.#incidents.get(id);
  }

  get sessions(): ActorSession[] {
    return [...this.#sessions.live];
  }

  get incidents(): Incident[] {
    return [...this.#incidents.values()];
  }

  get model(): ThreatModel {
    return this.#model;
  }

  #judge(session: ActorSession, branch: Branch, now: bigint): CorrelationEvent | undefined {
    const state = this.progress(session, branch);
    const leaves = [...session.leafTimes.entries()]
      .filter(([leaf]) => this.#branchOfLeaf.get(leaf) === branch)
      .sort((a, b) => ((a[1][0] as bigint) < (b[1][0] as bigint) ? -1 : 1))
      .map(([leaf]) => leaf);
    const id = `incident-${session.id}-${branch.id}`;
    const existing = this.#incidents.get(id);
    if (!existing && !state.done && (state.fraction < this.#fraction || leaves.length < this.#minLeaves))
      return undefined;
    const severity: Severity = state.done ? 'critical' : state.fraction >= 0.75 ? 'high' : 'medium';
    const techniques = [...new Set(leaves.flatMap((leaf) => this.#leafById.get(leaf)?.techniques ?? []))];
    if (existing) {
      existing.leaves = leaves;
      existing.techniques = techniques;
      existing.fraction = state.fraction;
      existing.goalReached = state.done;
      existing.severity = severity;
      existing.updated = now > existing.updated ? now : existing.updated;
      return { type: 'incident-updated', incident: existing };
    }
    const incident: Incident = {
      id,
      session: session.id,
      branch: branch.id,
      leaves,
      techniques,
      fraction: state.fraction,
      goalReached: state.done,
      severity,
      opened: now,
      updated: now,
    };
    this.#incidents.set(id, incident);
    return { type: 'incident-opened', incident };
  }
}
