/**
 * Index probes: necessary conditions of a comparison expression that a rule engine can look up in a hash
 * map instead of evaluating, as a rule engine indexes its rules by event type and constant. A probe says
 * "this `[ … ]` can only hold on an object of this type whose value at this path has one of these keys";
 * the full compiled test still decides, so a probe may admit too much but never too little.
 */
import type { Comparison, ComparisonExpression, Literal, PathStep } from '../ast.js';
import { printPath } from '../printer.js';
import { type Encoding, pathEncoding } from './compare.js';

/** A lookup that admits an object when the value at `steps` has one of `keys` ({@link equalityKey}). */
export interface IndexProbe {
  /** `type:path` in canonical form, so probes on one path of one type share one lookup. */
  readonly pathKey: string;
  readonly steps: readonly PathStep[];
  readonly encoding: Encoding;
  readonly keys: readonly string[];
}

/**
 * For each object type that could satisfy the expression: the probes of which at least one must admit the
 * object, or `'scan'` when no probe is known and the test must run on every object of that type. A type
 * that is absent can never satisfy the expression.
 */
export type ComparisonPlan = ReadonlyMap<string, readonly IndexProbe[] | 'scan'>;

/**
 * The key under which a property value is equal to literals: two values that the evaluator's `=` calls
 * equal always share a key. Numbers key by exact value (integers as integers, so 22 and 22.0 meet),
 * strings after NFC (hex properties case-folded, as the evaluator compares them), booleans as themselves.
 * Undefined for values `=` never relates to a keyable literal (objects, arrays, null).
 */
export function equalityKey(value: unknown, encoding: Encoding): string | undefined {
  switch (typeof value) {
    case 'string':
      return encoding === 'hex' ? `s${value.toLowerCase()}` : `s${nfc(value)}`;
    case 'number':
      return Number.isFinite(value) ? numberKey(value) : undefined;
    case 'boolean':
      return value ? 'btrue' : 'bfalse';
    default:
      return undefined;
  }
}

// Most property values are ASCII, for which NFC is the identity: skip the normaliser for them.
const NON_ASCII = /[^\0-\x7f]/;
function nfc(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFC') : text;
}

function numberKey(value: number | bigint): string {
  if (typeof value === 'bigint') return `n${value}`;
  return Number.isInteger(value) ? `n${BigInt(value)}` : `n${value}`;
}

/** The key of a literal on a property of `encoding`; undefined for kinds that are not indexed (bytes, times). */
function literalKey(literal: Literal, encoding: Encoding): string | undefined {
  switch (literal.kind) {
    case 'int':
      return numberKey(literal.value);
    case 'float':
      return Number.isFinite(literal.value) ? numberKey(literal.value) : undefined;
    case 'string': {
      const text = literal.value.normalize('NFC');
      return encoding === 'hex' ? `s${text.toLowerCase()}` : `s${text}`;
    }
    case 'bool':
      return literal.value ? 'btrue' : 'bfalse';
    default:
      return undefined;
  }
}

/** The values a comparison can only hold for, as keys; undefined when it can hold for others too. */
function comparisonKeys(c: Comparison): string[] | undefined {
  const encoding = pathEncoding(c.path.steps);
  // `NOT a != v` holds exactly where `a = v` does: both need a present value of the literal's type.
  const equality = (c.operator === '=' && !c.negated) || (c.operator === '!=' && c.negated);
  if (equality && c.value.kind !== 'set') {
    const key = literalKey(c.value, encoding);
    return key === undefined ? undefined : [key];
  }
  if (c.operator === 'IN' && !c.negated && c.value.kind === 'set') {
    const keys = c.value.elements.map((element) => literalKey(element, encoding));
    return keys.every((k) => k !== undefined) ? keys : undefined;
  }
  return undefined;
}

function leafPlan(leaf: Exclude<ComparisonExpression, { kind: 'comparisonBinary' }>): ComparisonPlan {
  const type = leaf.path.objectType;
  const keys = leaf.kind === 'comparison' ? comparisonKeys(leaf) : undefined;
  if (keys === undefined) return new Map([[type, 'scan']]);
  const { steps } = leaf.path;
  const probe: IndexProbe = { pathKey: printPath(leaf.path), steps, encoding: pathEncoding(steps), keys };
  return new Map([[type, [probe]]]);
}

/** AND: only types every operand allows; per type, the operand probes with the fewest keys. */
function allOf(plans: readonly ComparisonPlan[]): ComparisonPlan {
  const [first] = plans;
  const out = new Map<string, readonly IndexProbe[] | 'scan'>();
  for (const type of first?.keys() ?? []) {
    const entries = plans.map((plan) => plan.get(type));
    if (entries.some((e) => e === undefined)) continue;
    let best: readonly IndexProbe[] | 'scan' = 'scan';
    for (const entry of entries) {
      if (entry === undefined || entry === 'scan') continue;
      if (best === 'scan' || keyCount(entry) < keyCount(best)) best = entry;
    }
    out.set(type, best);
  }
  return out;
}

/** OR: every type any operand allows; per type, all operands' probes, or a scan if one operand scans. */
function anyOf(plans: readonly ComparisonPlan[]): ComparisonPlan {
  const out = new Map<string, readonly IndexProbe[] | 'scan'>();
  for (const plan of plans) {
    for (const [type, entry] of plan) {
      const seen = out.get(type);
      if (seen === 'scan' || entry === 'scan') out.set(type, 'scan');
      else out.set(type, [...(seen ?? []), ...entry]);
    }
  }
  return out;
}

function keyCount(probes: readonly IndexProbe[]): number {
  return probes.reduce((sum, probe) => sum + probe.keys.length, 0);
}

/**
 * Plans the index lookups of one `[ … ]`. Runs of one operator are flattened as the evaluator does, so a
 * long AND chain needs no deep recursion; only alternation, bounded by the parser's depth limit, nests.
 */
export function planComparison(expr: ComparisonExpression): ComparisonPlan {
  if (expr.kind !== 'comparisonBinary') return leafPlan(expr);
  const operands: ComparisonExpression[] = [];
  const stack: ComparisonExpression[] = [expr];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'comparisonBinary' && node.operator === expr.operator)
      stack.push(node.right, node.left);
    else operands.push(node);
  }
  const plans = operands.map(planComparison);
  return expr.operator === 'AND' ? allOf(plans) : anyOf(plans);
}
