/**
 * Finds which of many literals occur in a text in one pass (Aho–Corasick), so that thousands of LIKE and
 * MATCHES conditions on one property cost one scan of the value rather than one search each. Literals are
 * matched on UTF-16 code units; they come from indicators, the texts from events, and neither is ever
 * turned into a regex.
 */

interface Node {
  readonly next: Map<number, number>;
  fail: number;
  /** Values of every literal that ends here, including those that end in a suffix of this node's path. */
  found: number[];
}

/** A set of literals, each tagged with a number, built once and then scanned over any number of texts. */
export class LiteralMatcher {
  readonly #nodes: Node[] = [{ next: new Map(), fail: 0, found: [] }];
  #built = false;

  /** Adds `literal` (non-empty) with `value`; must come before the first {@link scan}. */
  add(literal: string, value: number): void {
    if (this.#built) throw new Error('LiteralMatcher: add after scan');
    let at = 0;
    for (let i = 0; i < literal.length; i++) {
      const unit = literal.charCodeAt(i);
      const node = this.#nodes[at];
      if (!node) return;
      let to = node.next.get(unit);
      if (to === undefined) {
        to = this.#nodes.length;
        this.#nodes.push({ next: new Map(), fail: 0, found: [] });
        node.next.set(unit, to);
      }
      at = to;
    }
    this.#nodes[at]?.found.push(value);
  }

  /** Calls `hit` with the value of each literal occurrence in `text` (a literal may be reported repeatedly). */
  scan(text: string, hit: (value: number) => void): void {
    if (!this.#built) this.#build();
    const nodes = this.#nodes;
    let at = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let node = nodes[at];
      while (node && at !== 0 && !node.next.has(unit)) {
        at = node.fail;
        node = nodes[at];
      }
      at = node?.next.get(unit) ?? 0;
      const found = nodes[at]?.found;
      if (found) for (const value of found) hit(value);
    }
  }

  /** Failure links breadth first; each node inherits what its failure node finds. */
  #build(): void {
    this.#built = true;
    const nodes = this.#nodes;
    const queue: number[] = [];
    for (const child of nodes[0]?.next.values() ?? []) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const index = queue[head] ?? 0;
      const node = nodes[index];
      if (!node) continue;
      for (const [unit, child] of node.next) {
        let fail = node.fail;
        while (fail !== 0 && !nodes[fail]?.next.has(unit)) fail = nodes[fail]?.fail ?? 0;
        const target = nodes[fail]?.next.get(unit);
        const childNode = nodes[child];
        if (!childNode) continue;
        childNode.fail = target !== undefined && target !== child ? target : 0;
        const inherited = nodes[childNode.fail]?.found ?? [];
        if (inherited.length > 0) childNode.found = [...childNode.found, ...inherited];
        queue.push(child);
      }
    }
  }
}

/**
 * Conditions that each need several literals in one value (every run between LIKE wildcards, every
 * required run of a regex): a value admits a condition only when all of its literals occur in it.
 */
export class ContainmentIndex {
  readonly #matcher = new LiteralMatcher();
  /** For each literal token: the probe it belongs to. */
  readonly #probeOf: number[] = [];
  /** For each probe: its value and how many distinct literals it needs. */
  readonly #probes: { readonly value: number; readonly need: number }[] = [];
  #tokenSeen = new Uint32Array(0);
  #probeSeen = new Uint32Array(0);
  #probeCount = new Uint32Array(0);
  #stamp = 0;

  /** Registers `value` (a condition or group token) for texts where every one of `literals` occurs. */
  add(literals: readonly string[], value: number): void {
    const distinct = [...new Set(literals)].filter((literal) => literal.length > 0);
    if (distinct.length === 0) return;
    const probe = this.#probes.length;
    this.#probes.push({ value, need: distinct.length });
    for (const literal of distinct) {
      this.#matcher.add(literal, this.#probeOf.length);
      this.#probeOf.push(probe);
    }
  }

  /** Calls `admit` once for each value all of whose literals occur in `text`. */
  scan(text: string, admit: (value: number) => void): void {
    if (this.#tokenSeen.length !== this.#probeOf.length) {
      this.#tokenSeen = new Uint32Array(this.#probeOf.length);
      this.#probeSeen = new Uint32Array(this.#probes.length);
      this.#probeCount = new Uint32Array(this.#probes.length);
    }
    this.#stamp = this.#stamp === 0xffffffff ? 1 : this.#stamp + 1;
    if (this.#stamp === 1) {
      this.#tokenSeen.fill(0);
      this.#probeSeen.fill(0);
    }
    const stamp = this.#stamp;
    this.#matcher.scan(text, (token) => {
      if (this.#tokenSeen[token] === stamp) return;
      this.#tokenSeen[token] = stamp;
      const probe = this.#probeOf[token] ?? 0;
      if (this.#probeSeen[probe] !== stamp) {
        this.#probeSeen[probe] = stamp;
        this.#probeCount[probe] = 0;
      }
      const count = (this.#probeCount[probe] ?? 0) + 1;
      this.#probeCount[probe] = count;
      const entry = this.#probes[probe];
      if (entry && count === entry.need) admit(entry.value);
    });
  }
}
