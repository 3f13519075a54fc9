/**
 * The condition index: every distinct `[ … ]` of every indicator compiled once, and looked up per object
 * type, per equality constant and per literal that a LIKE or MATCHES needs, so that one observation runs
 * only the tests that could hold for it (Falco indexes its rules by event type the same way). A condition
 * with several probe groups (an AND) is admitted only when every group found something. Immutable once
 * built.
 */
import {
  type ComparisonCache,
  type ComparisonExpression,
  comparedText,
  compileComparison,
  compilePath,
  equalityKey,
  type IndexProbe,
  nfc,
  type ObservationView,
  type PathResolver,
  planComparison,
  printComparison,
  type RegexCache,
} from '../pattern/index.js';
import { ContainmentIndex } from './literal-matcher.js';

/** One distinct comparison expression, shared by every indicator leaf that writes it. */
export interface Condition {
  readonly text: string;
  readonly test: (view: ObservationView) => boolean;
}

/** A lookup on one path of one type; its hits are group tokens. */
interface PathLookup {
  readonly resolve: PathResolver;
  readonly encoding: IndexProbe['encoding'];
  /** Equality probes on strings: group tokens by the value as compared (NFC, or lower case for hex). */
  readonly byString: Map<string, number[]>;
  /** Equality probes on numbers and booleans: group tokens by {@link equalityKey}. */
  readonly byOther: Map<string, number[]>;
  /** Containment probes: the literals of LIKE / MATCHES probes, found in one pass over the value. */
  literals: ContainmentIndex | undefined;
}

interface TypeIndex {
  /** Conditions with no usable probe for this type: run on every object of it. */
  readonly scan: number[];
  readonly lookups: Map<string, PathLookup>;
}

/** What the index needs to count: for each group token its slot, for each slot its condition and groups. */
interface Tokens {
  readonly slotOf: number[];
  readonly slots: { readonly condition: number; readonly need: number }[];
}

/** Builds conditions and their index; `add` returns the condition index of a comparison expression. */
export class ConditionIndexBuilder {
  readonly #conditions: Condition[] = [];
  readonly #byText = new Map<string, number>();
  readonly #types = new Map<string, TypeIndex>();
  readonly #regexes: RegexCache = new Map();
  readonly #comparisons: ComparisonCache = new Map();
  readonly #tokens: Tokens = { slotOf: [], slots: [] };

  add(expr: ComparisonExpression): number {
    const text = printComparison(expr);
    const known = this.#byText.get(text);
    if (known !== undefined) return known;
    const id = this.#conditions.length;
    const shared = { regexes: this.#regexes, comparisons: this.#comparisons };
    this.#conditions.push({ text, test: compileComparison(expr, shared) });
    this.#byText.set(text, id);
    for (const [type, entry] of planComparison(expr)) {
      const index = this.#typeIndex(type);
      if (entry === 'scan') {
        index.scan.push(id);
        continue;
      }
      // One slot per condition and type: admitted when all of its groups have found something.
      const slot = this.#tokens.slots.length;
      this.#tokens.slots.push({ condition: id, need: entry.length });
      for (const group of entry) {
        const token = this.#tokens.slotOf.length;
        this.#tokens.slotOf.push(slot);
        for (const probe of group) this.#register(index, probe, token);
      }
    }
    return id;
  }

  build(): ConditionIndex {
    return new ConditionIndex(this.#conditions, this.#types, this.#tokens);
  }

  #register(index: TypeIndex, probe: IndexProbe, token: number): void {
    let lookup = index.lookups.get(probe.pathKey);
    if (!lookup) {
      const resolve = compilePath(probe.steps);
      lookup = {
        resolve,
        encoding: probe.encoding,
        byString: new Map(),
        byOther: new Map(),
        literals: undefined,
      };
      index.lookups.set(probe.pathKey, lookup);
    }
    if (probe.contains !== undefined) {
      lookup.literals ??= new ContainmentIndex();
      lookup.literals.add(probe.contains, token);
    }
    for (const key of probe.keys) {
      // String keys are stored bare, so that a lookup needs no new string: see `candidates`.
      const map = key.startsWith('s') ? lookup.byString : lookup.byOther;
      const bare = key.startsWith('s') ? key.slice(1) : key;
      const list = map.get(bare);
      if (!list) map.set(bare, [token]);
      else if (list[list.length - 1] !== token) list.push(token);
    }
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

/** The built index. `candidates` is not re-entrant: it reuses its scratch arrays. */
export class ConditionIndex {
  readonly #seen: Uint32Array;
  readonly #tokenSeen: Uint32Array;
  readonly #slotSeen: Uint32Array;
  readonly #slotCount: Uint32Array;
  #stamp = 0;
  readonly #out: number[] = [];

  constructor(
    readonly conditions: readonly Condition[],
    private readonly types: ReadonlyMap<string, TypeIndex>,
    private readonly tokens: Tokens,
  ) {
    this.#seen = new Uint32Array(conditions.length);
    this.#tokenSeen = new Uint32Array(tokens.slotOf.length);
    this.#slotSeen = new Uint32Array(tokens.slots.length);
    this.#slotCount = new Uint32Array(tokens.slots.length);
  }

  /** Distinct object types some condition is about. */
  get typeCount(): number {
    return this.types.size;
  }

  /**
   * The conditions that could hold for `view`, each once: those that scan a type present in it, and those
   * all of whose probe groups find one of their constants or literals at their paths (in any of its
   * objects: a necessary condition, which the test then decides). The array is reused by the next call.
   */
  candidates(view: ObservationView): readonly number[] {
    this.#out.length = 0;
    this.#stamp = this.#stamp === 0xffffffff ? 1 : this.#stamp + 1;
    if (this.#stamp === 1) {
      for (const a of [this.#seen, this.#tokenSeen, this.#slotSeen]) a.fill(0);
    }
    for (const object of view.objects.values()) {
      const type = object['type'];
      const index = typeof type === 'string' ? this.types.get(type) : undefined;
      if (!index) continue;
      for (const id of index.scan) this.#add(id);
      for (const lookup of index.lookups.values()) {
        for (const value of lookup.resolve(object, view)) {
          let tokens: number[] | undefined;
          if (typeof value === 'string') {
            // The key equalityKey gives, without its prefix, so no string is built for ASCII text.
            tokens = lookup.byString.get(comparedText(value, lookup.encoding));
            if (lookup.literals) lookup.literals.scan(nfc(value), this.#onLiteral);
          } else {
            const key = equalityKey(value, lookup.encoding);
            tokens = key === undefined ? undefined : lookup.byOther.get(key);
          }
          if (tokens) for (const token of tokens) this.#hit(token);
        }
      }
    }
    return this.#out;
  }

  // Bound once: a closure made per call would cost an allocation on every observation.
  readonly #onLiteral = (token: number): void => this.#hit(token);

  #add(id: number): void {
    if (this.#seen[id] !== this.#stamp) {
      this.#seen[id] = this.#stamp;
      this.#out.push(id);
    }
  }

  /** A group found something: count it once per observation, and admit its condition when all have. */
  #hit(token: number): void {
    const stamp = this.#stamp;
    if (this.#tokenSeen[token] === stamp) return;
    this.#tokenSeen[token] = stamp;
    const slot = this.tokens.slotOf[token] ?? 0;
    if (this.#slotSeen[slot] !== stamp) {
      this.#slotSeen[slot] = stamp;
      this.#slotCount[slot] = 0;
    }
    const count = (this.#slotCount[slot] ?? 0) + 1;
    this.#slotCount[slot] = count;
    const entry = this.tokens.slots[slot];
    if (entry && count === entry.need) this.#add(entry.condition);
  }
}
