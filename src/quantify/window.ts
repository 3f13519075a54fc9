/**
 * Time windows and cluster scopes for the path figures: a session's evidence is cut to the steps it
 * took inside the window (and dropped if none), so "the last hour" counts what actors did in the last
 * hour, not every session that happened to be alive then.
 */
import type { LeafTimes } from '../correlate/index.js';
import type { SessionEvidence } from './paths.js';

export const WINDOWS = { hour: 3600, day: 86_400, week: 604_800 } as const;
export type WindowName = keyof typeof WINDOWS;

export function isWindowName(name: unknown): name is WindowName {
  return typeof name === 'string' && Object.hasOwn(WINDOWS, name);
}

export interface EvidenceScope {
  /** Inclusive lower and exclusive upper bound on observation time, ns since the epoch. */
  readonly since?: bigint;
  readonly until?: bigint;
  /** Only sessions seen in this cluster. */
  readonly cluster?: string;
}

export interface ScopedSession extends SessionEvidence {
  readonly clusters: ReadonlySet<string>;
}

/** The window `name` ending at `now` (the latest observation time the center has seen). */
export function windowScope(name: WindowName, now: bigint): { since: bigint; until: bigint } {
  return { since: now - BigInt(WINDOWS[name]) * 1_000_000_000n, until: now + 1n };
}

export function evidenceIn(sessions: readonly ScopedSession[], scope: EvidenceScope): SessionEvidence[] {
  const { since, until, cluster } = scope;
  const out: SessionEvidence[] = [];
  for (const session of sessions) {
    if (cluster !== undefined && !session.clusters.has(cluster)) continue;
    if (since === undefined && until === undefined) {
      out.push(session);
      continue;
    }
    const leafTimes = new Map<string, readonly bigint[]>();
    for (const [leaf, times] of session.leafTimes) {
      const inside = times.filter(
        (t) => (since === undefined || t >= since) && (until === undefined || t < until),
      );
      if (inside.length > 0) leafTimes.set(leaf, inside);
    }
    if (leafTimes.size > 0) out.push({ leafTimes: leafTimes as LeafTimes });
  }
  return out;
}
