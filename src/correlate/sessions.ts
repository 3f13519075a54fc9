/**
 * Actor sessions: witness hits grouped by the actor keys they share, with an idle timeout on
 * observation time. A hit whose keys reach two live sessions merges them: the actor was one all along.
 */
export interface WitnessHit {
  /** The matched indicator's id and the witness / leaf / branch it stands for. */
  readonly indicator: string;
  readonly witness: string;
  readonly leaf: string;
  readonly branch: string;
  /** Observation time of the matched observation, ns since the epoch. */
  readonly time: bigint;
  /** The observed-data id: with `indicator`, what makes re-delivery idempotent. */
  readonly observation: string;
  readonly keys: readonly string[];
  /** The cluster the observation came from, when the sensor or the operator named it. */
  readonly cluster?: string;
}

export interface ActorSession {
  readonly id: string;
  readonly keys: Set<string>;
  /** Clusters the actor was seen in (an actor can cross clusters with stolen credentials). */
  readonly clusters: Set<string>;
  /** Leaf id → ascending observation times (bounded). */
  readonly leafTimes: Map<string, bigint[]>;
  /** Every hit, in arrival order (bounded; `dropped` counts the rest). */
  readonly timeline: WitnessHit[];
  dropped: number;
  first: bigint;
  last: bigint;
  /** Sessions merged into this one. */
  readonly merged: string[];
}

export interface SessionOptions {
  /** A session with no hit for this long (observation time) is closed; the next hit starts a new one. */
  readonly idleTimeoutSeconds?: number;
  readonly maxTimelinePerSession?: number;
  readonly maxTimesPerLeaf?: number;
  /** Hits remembered to drop re-deliveries (the most recent ones). Default 1 000 000. */
  readonly maxRememberedHits?: number;
}

/** Default idle timeout: half an hour of observation time without a hit closes a session. */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 1800;

export class SessionTable {
  readonly #byKey = new Map<string, ActorSession>();
  readonly #live = new Map<string, ActorSession>();
  readonly #seen = new Set<string>();
  readonly #idle: bigint;
  readonly #maxTimeline: number;
  readonly #maxTimes: number;
  readonly #maxSeen: number;
  #watermark = -(2n ** 63n);
  #opened = 0;

  constructor(options: SessionOptions = {}) {
    this.#idle = BigInt(Math.round((options.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) * 1e9));
    this.#maxTimeline = options.maxTimelinePerSession ?? 1000;
    this.#maxTimes = options.maxTimesPerLeaf ?? 32;
    this.#maxSeen = options.maxRememberedHits ?? 1_000_000;
  }

  /** Adds a hit; returns its session and the sessions it absorbed, or undefined for a repeated hit. */
  add(hit: WitnessHit): { session: ActorSession; absorbed: ActorSession[]; opened: boolean } | undefined {
    const hitId = `${hit.indicator}|${hit.observation}`;
    if (this.#seen.has(hitId)) return undefined;
    this.#seen.add(hitId);
    // Re-deliveries come soon after the original; remembering the latest hits bounds memory.
    if (this.#seen.size > this.#maxSeen) {
      const oldest = this.#seen.values().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
    if (hit.time > this.#watermark) this.#watermark = hit.time;
    const found = new Set<ActorSession>();
    for (const key of hit.keys) {
      const s = this.#byKey.get(key);
      if (s && this.#alive(s, hit.time)) found.add(s);
    }
    const [first, ...rest] = [...found].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    const opened = first === undefined;
    const session = first ?? this.#open(hit);
    for (const other of rest) this.#merge(session, other);
    for (const key of hit.keys) {
      session.keys.add(key);
      this.#byKey.set(key, session);
    }
    this.#record(session, hit);
    return { session, absorbed: rest, opened };
  }

  /** Sessions idle longer than the timeout, judged against the latest observation time seen; removed. */
  closeIdle(): ActorSession[] {
    const closed: ActorSession[] = [];
    for (const s of this.#live.values()) if (!this.#alive(s, this.#watermark)) closed.push(s);
    for (const s of closed) this.#drop(s);
    return closed;
  }

  get(id: string): ActorSession | undefined {
    return this.#live.get(id);
  }

  get live(): IterableIterator<ActorSession> {
    return this.#live.values();
  }

  #alive(s: ActorSession, at: bigint): boolean {
    return at - s.last <= this.#idle;
  }

  #open(hit: WitnessHit): ActorSession {
    const session: ActorSession = {
      id: `session-${++this.#opened}`,
      keys: new Set(),
      clusters: new Set(),
      leafTimes: new Map(),
      timeline: [],
      dropped: 0,
      first: hit.time,
      last: hit.time,
      merged: [],
    };
    this.#live.set(session.id, session);
    return session;
  }

  #merge(into: ActorSession, other: ActorSession): void {
    for (const key of other.keys) {
      into.keys.add(key);
      this.#byKey.set(key, into);
    }
    for (const [leaf, times] of other.leafTimes) for (const t of times) this.#addTime(into, leaf, t);
    for (const hit of other.timeline) this.#appendTimeline(into, hit);
    for (const cluster of other.clusters) into.clusters.add(cluster);
    into.dropped += other.dropped;
    if (other.first < into.first) into.first = other.first;
    if (other.last > into.last) into.last = other.last;
    into.merged.push(other.id, ...other.merged);
    this.#live.delete(other.id);
  }

  #record(session: ActorSession, hit: WitnessHit): void {
    this.#addTime(session, hit.leaf, hit.time);
    if (hit.cluster !== undefined) session.clusters.add(hit.cluster);
    this.#appendTimeline(session, hit);
    if (hit.time < session.first) session.first = hit.time;
    if (hit.time > session.last) session.last = hit.time;
  }

  #appendTimeline(session: ActorSession, hit: WitnessHit): void {
    if (session.timeline.length < this.#maxTimeline) session.timeline.push(hit);
    else session.dropped += 1;
  }

  /** Keeps the earliest times (they decide `sand` order) and the latest one (it shows the actor is back). */
  #addTime(session: ActorSession, leaf: string, t: bigint): void {
    const times = session.leafTimes.get(leaf) ?? [];
    let i = times.length;
    while (i > 0 && (times[i - 1] as bigint) > t) i -= 1;
    if (times[i - 1] === t) return;
    times.splice(i, 0, t);
    if (times.length > this.#maxTimes) times.splice(this.#maxTimes - 1, times.length - this.#maxTimes);
    session.leafTimes.set(leaf, times);
  }

  #drop(s: ActorSession): void {
    this.#live.delete(s.id);
    for (const key of s.keys) if (this.#byKey.get(key) === s) this.#byKey.delete(key);
  }
}
