/**
 * A matching session: feeds observations, in time order, through a compiled engine and returns each match
 * as soon as the pattern is satisfied. The session holds the temporal state (partial matches of
 * multi-observation patterns) and keeps it bounded: expired after the window that could still use it,
 * capped per indicator with an eviction counter.
 */
import type { MatchObservation } from '../pattern/index.js';
import type { Timestamp } from '../stix/index.js';
import { type Binding, leafBinding } from './binding.js';
import type { CompiledIndicator, MatchEngine } from './engine.js';
import { propagate } from './propagate.js';
import { cutoffFor, IndicatorState, type StepCounters, type StepLimits } from './state.js';

const NS_PER_SECOND = 1_000_000_000n;

/** Limits of a session; every one has a default that suits a single honeycluster. */
export interface SessionOptions {
  /** Partial matches one indicator may hold across its stores; the oldest are evicted. Default 10 000. */
  readonly maxBindingsPerIndicator?: number;
  /** Stored partial matches one indicator may try per observation before it gives up. Default 10 000. */
  readonly maxJoinsPerObservation?: number;
  /**
   * STIX puts no time limit on patterns without WITHIN; kstorm keeps their partial matches this long after
   * their latest observation. Default 86 400 (a day).
   */
  readonly unboundedWindowSeconds?: number;
  /** How far an observation may arrive behind the latest one and still find its partners. Default 10. */
  readonly allowedLatenessSeconds?: number;
  /** Only report matches whose latest observation lies in the indicator's [valid_from, valid_until). */
  readonly enforceValidity?: boolean;
}

/** One match: the indicator and the observations bound to it, in the pattern's order. */
export interface StreamMatch {
  readonly indicator: string;
  readonly observations: readonly MatchObservation[];
  /** Earliest `first_observed` of the bound observations. */
  readonly first: Timestamp;
  /** Latest `last_observed` of the bound observations. */
  readonly last: Timestamp;
}

/** Running counters of a session. */
export interface MatchStats {
  observations: number;
  /** Observations that started more than the allowed lateness before the latest one. */
  late: number;
  /** Comparison tests run (candidates the index let through). */
  evaluated: number;
  matches: number;
  /** Partial matches held now. */
  retained: number;
  /** Partial matches dropped because an indicator's stores were full. */
  evictions: number;
  /** Partial matches dropped because no future observation could complete them. */
  expired: number;
  /** Times an indicator's join budget ran out on one observation. */
  truncated: number;
}

export class MatchSession {
  readonly #engine: MatchEngine;
  readonly #states = new Map<number, IndicatorState>();
  readonly #lastEmitted: Float64Array;
  readonly #counters: StepCounters = { evictions: 0, expired: 0, truncated: 0 };
  readonly #stats = { observations: 0, late: 0, evaluated: 0, matches: 0 };
  #sweeps = 0;
  readonly #maxBindings: number;
  readonly #maxJoins: number;
  readonly #unbounded: bigint;
  readonly #lateness: bigint;
  readonly #enforceValidity: boolean;
  readonly #sweepEvery: bigint;
  #seq = 0;
  #watermark: bigint | undefined;
  #nextSweep: bigint | undefined;

  constructor(engine: MatchEngine, options: SessionOptions) {
    this.#engine = engine;
    this.#lastEmitted = new Float64Array(engine.indicators.length).fill(-1);
    this.#maxBindings = count(options.maxBindingsPerIndicator, 10_000);
    this.#maxJoins = count(options.maxJoinsPerObservation, 10_000);
    this.#unbounded = seconds(options.unboundedWindowSeconds, 86_400);
    this.#lateness = seconds(options.allowedLatenessSeconds, 10);
    this.#enforceValidity = options.enforceValidity ?? false;
    // Sweeping costs a pass over the state, so it runs on event-time ticks, not on every observation.
    const within = engine.shortestWithin;
    const shortest = within !== undefined && within < this.#unbounded ? within : this.#unbounded;
    this.#sweepEvery = shortest / 8n > NS_PER_SECOND ? shortest / 8n : NS_PER_SECOND;
  }

  /**
   * Matches one observation against every indicator and returns the matches it completes: at most one per
   * indicator, binding the newest partners that satisfy the pattern. Observations should arrive in order
   * of `first_observed`; up to the allowed lateness out of order is tolerated.
   */
  push(observation: MatchObservation): StreamMatch[] {
    const seq = ++this.#seq;
    this.#stats.observations += 1;
    const first = observation.first.epochNanos;
    if (this.#watermark === undefined || first > this.#watermark) this.#watermark = first;
    else if (this.#watermark - first > this.#lateness) this.#stats.late += 1;
    const now = this.#watermark - this.#lateness;
    const limits: StepLimits = { now, unboundedNanos: this.#unbounded };
    // Bindings are immutable, so every leaf this observation satisfies shares one, made on the first hit.
    let leaf: Binding | undefined;
    const matches: StreamMatch[] = [];
    const { index, leavesOf, indicators } = this.#engine;
    for (const condition of index.candidates(observation.view)) {
      this.#stats.evaluated += 1;
      if (!index.conditions[condition]?.test(observation.view)) continue;
      if (!leaf) leaf = leafBinding({ seq, observation, first, last: observation.last.epochNanos });
      for (const ref of leavesOf[condition] ?? []) {
        const indicator = indicators[ref.indicator];
        const window = ref.leaf.window;
        if (!indicator || (window && (leaf.firstMin < window.start || leaf.lastMax >= window.stop))) continue;
        if (!ref.leaf.feedsStore) {
          if (this.#lastEmitted[ref.indicator] !== seq)
            this.#emit(ref.indicator, indicator, leaf, matches, seq);
          continue;
        }
        const state = this.#state(ref.indicator, indicator, seq);
        propagate(indicator.plan, state, ref.node, leaf, limits, this.#counters);
        if (state.emitted && this.#lastEmitted[ref.indicator] !== seq) {
          this.#emit(ref.indicator, indicator, state.emitted, matches, seq);
        }
      }
    }
    if (this.#nextSweep === undefined) this.#nextSweep = now + this.#sweepEvery;
    else if (now >= this.#nextSweep) this.#sweep(now);
    return matches;
  }

  /** The counters so far. */
  stats(): MatchStats {
    let retained = 0;
    for (const state of this.#states.values()) retained += state.retained;
    return { ...this.#stats, ...this.#counters, retained };
  }

  /** Evictions per indicator id, for indicators that had any, most first. */
  evictionsByIndicator(): [string, number][] {
    const out: [string, number][] = [];
    for (const [i, state] of this.#states) {
      const id = this.#engine.indicators[i]?.id;
      if (id !== undefined && state.evictions > 0) out.push([id, state.evictions]);
    }
    return out.sort((a, b) => b[1] - a[1]);
  }

  #state(i: number, indicator: CompiledIndicator, seq: number): IndicatorState {
    let state = this.#states.get(i);
    if (!state) {
      const { storeCount } = indicator.plan;
      const capacity = Math.max(1, Math.floor(this.#maxBindings / storeCount));
      const accept = this.#enforceValidity ? (binding: Binding) => valid(indicator, binding) : undefined;
      state = new IndicatorState(storeCount, capacity, accept);
      this.#states.set(i, state);
    }
    if (state.step !== seq) {
      state.step = seq;
      state.done = this.#lastEmitted[i] === seq;
      state.emitted = undefined;
      state.budget = this.#maxJoins;
    }
    return state;
  }

  #emit(i: number, indicator: CompiledIndicator, binding: Binding, out: StreamMatch[], seq: number): void {
    if (this.#enforceValidity && !valid(indicator, binding)) return;
    // The binding knows its extremes; the observations holding them give them as Timestamps.
    const first = binding.items.find((item) => item.first === binding.firstMin)?.observation.first;
    const last = binding.items.find((item) => item.last === binding.lastMax)?.observation.last;
    if (!first || !last) return;
    this.#lastEmitted[i] = seq;
    this.#stats.matches += 1;
    out.push({
      indicator: indicator.id,
      observations: binding.items.map((item) => item.observation),
      first,
      last,
    });
  }

  /**
   * Drops stored bindings no future observation can complete, and forgets indicators left with none.
   * Stores shed expired bindings from the front as they grow; this catches the stores that stopped
   * growing, and every eighth sweep also removes stragglers behind a long-lived binding.
   */
  #sweep(now: bigint): void {
    this.#nextSweep = now + this.#sweepEvery;
    this.#sweeps += 1;
    const thorough = this.#sweeps % 8 === 0;
    for (const [i, state] of this.#states) {
      const plan = this.#engine.indicators[i]?.plan;
      if (!plan) continue;
      let held = 0;
      for (const node of plan.nodes) {
        const indices = node.kind === 'join' ? node.stores : node.kind === 'repeats' ? [node.store] : [];
        if (indices.length === 0) continue;
        const cutoff = cutoffFor(node, now, this.#unbounded);
        for (const s of indices) {
          const store = state.stores[s];
          if (!store) continue;
          this.#counters.expired += thorough ? store.purge(cutoff) : store.dropExpired(cutoff);
          held += store.size;
        }
      }
      if (held === 0 && state.evictions === 0) this.#states.delete(i);
    }
  }
}

/** Whether the binding's latest observation lies in the indicator's [valid_from, valid_until). */
function valid(indicator: CompiledIndicator, binding: Binding): boolean {
  const { validFrom, validUntil } = indicator;
  if (validFrom !== undefined && binding.lastMax < validFrom) return false;
  return validUntil === undefined || binding.lastMax < validUntil;
}

/** A positive whole number from an option; anything else (NaN, 0, negative, Infinity) means the default. */
function count(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

/** Seconds from an option as nanoseconds; anything but a number ≥ 0 that fits in nanoseconds means the default. */
function seconds(value: number | undefined, fallback: number): bigint {
  const nanos = value !== undefined && value >= 0 ? Math.round(value * 1e9) : Number.NaN;
  return BigInt(Number.isFinite(nanos) ? nanos : Math.round(fallback * 1e9));
}
