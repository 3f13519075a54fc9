/**
 * The condition index: every distinct `[ … ]` of every indicator compiled once, and looked up per object
 * type and per equality constant, so that one observation runs only the tests that could hold for it
 * (Falco indexes its rules by event type the same way). Immutable once built.
 */
import {
  type ComparisonExpression,
  compileComparison,
  compilePath,
  equalityKey,
  type IndexProbe,
  type ObservationView,
  type PathResolver,
  planComparison,
  printComparison,
  type RegexCache,
} from '../pattern/index.js';

/** One distinct comparison expression, shared by every indicator leaf that writes it. */
export interface Condition {
  readonly text: string;
  readonly test: (view: ObservationView) => boolean;
}

interface PathLookup {
  readonly resolve: PathResolver;
  readonly encoding: IndexProbe['encoding'];
  readonly byKey: Map<string, number[]>;
}

interface TypeIndex {
  /** Conditions with no usable probe for this type: run on every object of it. */
  readonly scan: number[];
  readonly lookups: Map<string, PathLookup>;
}

/** Builds conditions and their index; `add` returns the condition index of a comparison expression. */
export class ConditionIndexBuilder {
  readonly #conditions: Condition[] = [];
  readonly #byText = new Map<string, number>();
  readonly #types = new Map<string, TypeIndex>();
  readonly #regexes: RegexCache = new Map();

  add(expr: ComparisonExpression): number {
    const text = printComparison(expr);
    const known = this.#byText.get(text);
    if (known !== undefined) return known;
    const id = this.#conditions.length;
    this.#conditions.push({ text, test: compileComparison(expr, { regexes: this.#regexes }) });
    this.#byText.set(text, id);
    for (const [type, entry] of planComparison(expr)) {
      const index = this.#typeIndex(type);
      if (entry === 'scan') {
        index.scan.push(id);
        continue;
      }
      for (const probe of entry) {
        let lookup = index.lookups.get(probe.pathKey);
        if (!lookup) {
          lookup = { resolve: compilePath(probe.steps), encoding: probe.encoding, byKey: new Map() };
          index.lookups.set(probe.pathKey, lookup);
        }
        for (const key of probe.keys) {
          const list = lookup.byKey.get(key);
          if (!list) lookup.byKey.set(key, [id]);
          else if (list[list.length - 1] !== id) list.push(id);
        }
      }
    }
    return id;
  }

  build(): ConditionIndex {
    return new ConditionIndex(this.#conditions, this.#types);
  }

  #typeIndex(type: string): TypeIndex {
    let index = this.#types.get(type);
    if (!index) {
      index = { scan: [], lookups: new Map() };
      this.#types.set(type, index);
    }
    return index;
  }
}

/** The built index. `candidates` is not re-entrant: it reuses one scratch array per index. */
export class ConditionIndex {
  readonly #seen: Uint32Array;
  #stamp = 0;
  readonly #out: number[] = [];

  constructor(
    readonly conditions: readonly Condition[],
    private readonly types: ReadonlyMap<string, TypeIndex>,
  ) {
    this.#seen = new Uint32Array(conditions.length);
  }

  /** Distinct object types some condition is about. */
  get typeCount(): number {
    return this.types.size;
  }

  /**
   * The conditions that could hold for `view`, each once: those that scan a type present in it, and
   * those whose probe finds one of its constants at its path. The returned array is reused by the next call.
   */
  candidates(view: ObservationView): readonly number[] {
    const out = this.#out;
    out.length = 0;
    this.#stamp = this.#stamp === 0xffffffff ? 1 : this.#stamp + 1;
    if (this.#stamp === 1) this.#seen.fill(0);
    const stamp = this.#stamp;
    const seen = this.#seen;
    const add = (id: number): void => {
      if (seen[id] !== stamp) {
        seen[id] = stamp;
        out.push(id);
      }
    };
    for (const object of view.objects.values()) {
      const type = object['type'];
      const index = typeof type === 'string' ? this.types.get(type) : undefined;
      if (!index) continue;
      for (const id of index.scan) add(id);
      for (const lookup of index.lookups.values()) {
        for (const value of lookup.resolve(object, view)) {
          const key = equalityKey(value, lookup.encoding);
          const ids = key === undefined ? undefined : lookup.byKey.get(key);
          if (ids) for (const id of ids) add(id);
        }
      }
    }
    return out;
  }
}
