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
 * A bounded FIFO of bindings. At capacity the oldest is evicted (the caller counts it): for temporal
 * patterns the newest partial matches are the likeliest to complete inside a window.
 */
export class BindingStore {
  #items: Binding[] = [];
  #head = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Adds `binding`; returns how many bindings were evicted to make room (0 or 1). */
  add(binding: Binding): number {
    let evicted = 0;
    if (this.size >= this.capacity) {
      this.#head += 1;
      evicted = 1;
      // Compact now and then so the array does not grow without bound.
      if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
        this.#items = this.#items.slice(this.#head);
        this.#head = 0;
      }
    }
    this.#items.push(binding);
    return evicted;
  }

  /** The binding `i` places from the newest (0 is the newest). */
  newest(i: number): Binding | undefined {
    return this.#items[this.#items.length - 1 - i];
  }

  /** Removes the bindings `keep` refuses; returns how many. */
  retain(keep: (binding: Binding) => boolean): number {
    const before = this.size;
    this.#items = this.#items.slice(this.#head).filter(keep);
    this.#head = 0;
    return before - this.#items.length;
  }
}
