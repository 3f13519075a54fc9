/**
 * Read models of the live correlation state, shaped for the API and the dashboard: actor sessions
 * with their progress on every branch they entered (which nodes are done and when), and one session's
 * timeline of witnessing observations.
 */
import type { ActorSession, Correlator } from '../correlate/index.js';

export interface BranchProgressView {
  readonly branch: string;
  readonly fraction: number;
  readonly done: boolean;
  /** Nodes of the branch the session has made progress on: done ones with their time. */
  readonly nodes: { id: string; done: boolean; fraction: number; at?: bigint }[];
}

export interface SessionView {
  readonly id: string;
  readonly first: bigint;
  readonly last: bigint;
  /** Still within the idle timeout of the center's clock. */
  readonly active: boolean;
  readonly keys: readonly string[];
  readonly clusters: readonly string[];
  readonly leaves: readonly string[];
  readonly hits: number;
  readonly merged: readonly string[];
  readonly branches: readonly BranchProgressView[];
}

export interface SessionDetail extends SessionView {
  /** Witnessing hits in observation-time order (bounded per session; `dropped` counts the rest). */
  readonly timeline: {
    time: bigint;
    leaf: string;
    witness: string;
    branch: string;
    indicator: string;
    observation: string;
  }[];
  readonly dropped: number;
}

export function sessionView(
  correlator: Correlator,
  session: ActorSession,
  now: bigint,
  idleNanos: bigint,
): SessionView {
  const branches: BranchProgressView[] = [];
  for (const branch of correlator.model.branches) {
    const state = correlator.progress(session, branch);
    if (state.fraction === 0) continue;
    branches.push({
      branch: branch.id,
      fraction: state.fraction,
      done: state.done,
      nodes: [...state.nodes.values()]
        .filter((n) => n.fraction > 0)
        .map((n) => ({
          id: n.id,
          done: n.done,
          fraction: n.fraction,
          ...(n.at === undefined ? {} : { at: n.at }),
        })),
    });
  }
  return {
    id: session.id,
    first: session.first,
    last: session.last,
    active: now - session.last <= idleNanos,
    keys: [...session.keys].sort(),
    clusters: [...session.clusters].sort(),
    leaves: [...session.leafTimes.keys()],
    hits: session.timeline.length + session.dropped,
    merged: session.merged,
    branches,
  };
}

export function sessionDetail(
  correlator: Correlator,
  session: ActorSession,
  now: bigint,
  idleNanos: bigint,
): SessionDetail {
  return {
    ...sessionView(correlator, session, now, idleNanos),
    timeline: [...session.timeline]
      .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))
      .map(({ time, leaf, witness, branch, indicator, observation }) => ({
        time,
        leaf,
        witness,
        branch,
        indicator,
        observation,
      })),
    dropped: session.dropped,
  };
}
