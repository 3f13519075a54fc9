/**
 * Bindings (the observations bound to part of a pattern, with the extremes of their time intervals) and
 * the bounded stores that keep them between observations.
 */
import type { MatchObservation } from '../pattern/index.js';

/** One pushed observation as the engine handles it: a sequence number and its interval in nanoseconds. */
export interface Bound {
  readonly seq: number;
  readonly observation: MatchObservation;
  readonly first: bigint;
  readonly last: bigint;
}

/** Observations bound to one sub-expression, in pattern order, with the extremes of their intervals. */
export interface Binding {
  readonly items: readonly Bound[];
  readonly firstMin: bigint;
  readonly firstMax: bigint;
  readonly lastMin: bigint;
  readonly lastMax: bigint;
}

/** The binding of one observation to one leaf. */
export function leafBinding(bound: Bound): Binding {
  return {
    items: [bound],
    firstMin: bound.first,
    firstMax: bound.first,
    lastMin: bound.last,
    lastMax: bound.last,
  };
}

// Math.min and Math.max do not take bigints.
function least(a: bigint, b: bigint): bigint {
  if (b < a) return b;
  return a;
}
function greatest(a: bigint, b: bigint): bigint {
  if (b > a) return b;
  return a;
}

/** `left` then `right` as one binding. */
export function combine(left: Binding, right: Binding): Binding {
  return {
    items: [...left.items, ...right.items],
    firstMin: least(left.firstMin, right.firstMin),
    firstMax: greatest(left.firstMax, right.firstMax),
    lastMin: least(left.lastMin, right.lastMin),
    lastMax: greatest(left.lastMax, right.lastMax),
  };
}

/** The bindings as one, repetitions ordered by time. */
export function combineAll(parts: readonly Binding[]): Binding | undefined {
  const sorted = [...parts].sort((a, b) => (a.firstMin < b.firstMin ? -1 : a.firstMin > b.firstMin ? 1 : 0));
  let out: Binding | undefined;
  for (const part of sorted) out = out ? combine(out, part) : part;
  return out;
}

/** True when the two bindings share an observation (which one assignment may bind only once). */
export function overlaps(a: Binding, b: Binding): boolean {
  if (a.items.length * b.items.length <= 64) {
    for (const x of a.items) for (const y of b.items) if (x.seq === y.seq) return true;
    return false;
  }
  const seqs = new Set(a.items.map((item) => item.seq));
  return b.items.some((item) => seqs.has(item.seq));
}

/** Latest first_observed minus earliest last_observed: what WITHIN limits. */
export function span(binding: Binding): bigint {
  return binding.firstMax - binding.lastMin;
}

/**
 * When a stored binding can no longer take part in a match a future observation completes: `dead` once the
 * node's STOP has passed; otherwise when its earliest `last_observed` is before `lastMin` (under WITHIN)
 * or its latest `last_observed` is before `lastMax` (the retention of patterns without WITHIN). Computed
 * once per node and step so that the checks themselves allocate nothing.
 */
export interface Cutoff {
  readonly dead: boolean;
  readonly lastMin?: bigint;
  readonly lastMax?: bigint;
}

/** Whether `binding` survives `cutoff`. */
export function survives(binding: Binding, cutoff: Cutoff): boolean {
  if (cutoff.dead) return false;
  if (cutoff.lastMin !== undefined && binding.lastMin < cutoff.lastMin) return false;
  return cutoff.lastMax === undefined || binding.lastMax >= cutoff.lastMax;
}

/** The `number_observed` of a binding's first observation (0 for none). */
export function countOf(binding: Binding | undefined): number {
  return binding?.items[0]?.observation.count ?? 0;
}

/**
 * A bounded FIFO of bindings. At capacity the oldest is evicted (the caller counts it): for temporal
 * patterns the newest partial matches are the likeliest to complete inside a window. Expired bindings
 * leave from the front as new ones arrive, which in a time-ordered stream is where they are.
 */
export class BindingStore {
  // Slots before the head are cleared, so that what leaves the store can be collected at once.
  #items: (Binding | undefined)[] = [];
  #head = 0;
  #latestLast: bigint | undefined;
  #counted = 0;

  constructor(readonly capacity: number) {}

  /**
   * No stored binding has a later `last_observed` than this (it may be stale-high after removals), so
   * FOLLOWEDBY can skip a whole store of right sides that all end before a new left side begins.
   */
  get latestLast(): bigint | undefined {
    return this.#latestLast;
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  /** The `number_observed` of the first observation of each stored binding, summed: what REPEATS counts. */
  get counted(): number {
    return this.#counted;
  }

  #release(binding: Binding | undefined): void {
    this.#counted -= countOf(binding);
  }

  /** Adds `binding` after dropping expired ones from the front; returns how many of each left. */
  add(binding: Binding, cutoff: Cutoff): { evicted: number; expired: number } {
    const expired = this.dropExpired(cutoff);
    let evicted = 0;
    if (this.size >= this.capacity) {
      this.#release(this.#items[this.#head]);
      this.#items[this.#head] = undefined;
      this.#head += 1;
      evicted = 1;
    }
    this.#compact();
    this.#items.push(binding);
    this.#counted += countOf(binding);
    if (this.#latestLast === undefined || binding.lastMax > this.#latestLast)
      this.#latestLast = binding.lastMax;
    return { evicted, expired };
  }

  /** Drops expired bindings from the front, stopping at the first live one; returns how many. */
  dropExpired(cutoff: Cutoff): number {
    const start = this.#head;
    while (this.#head < this.#items.length) {
      const oldest = this.#items[this.#head];
      if (oldest && survives(oldest, cutoff)) break;
      this.#release(oldest);
      this.#items[this.#head] = undefined;
      this.#head += 1;
    }
    const dropped = this.#head - start;
    if (dropped > 0) this.#compact();
    return dropped;
  }

  /** The binding `i` places from the newest (0 is the newest). */
  newest(i: number): Binding | undefined {
    return this.#items[this.#items.length - 1 - i];
  }

  /** Removes every expired binding, wherever it sits; returns how many. */
  purge(cutoff: Cutoff): number {
    const before = this.size;
    this.#items = this.#items.slice(this.#head).filter((binding) => binding && survives(binding, cutoff));
    this.#head = 0;
    this.#latestLast = undefined;
    this.#counted = 0;
    for (const binding of this.#items) {
      this.#counted += countOf(binding);
      if (binding && (this.#latestLast === undefined || binding.lastMax > this.#latestLast)) {
        this.#latestLast = binding.lastMax;
      }
    }
    return before - this.#items.length;
  }

  // Slots before the head are released now and then, so the array does not grow without bound.
  #compact(): void {
    if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    } else if (this.#head > 0 && this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    }
  }
}
