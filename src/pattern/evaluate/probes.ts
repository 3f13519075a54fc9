/**
 * Index probes: necessary conditions of a comparison expression that a rule engine can look up in a hash
 * map instead of evaluating, as a rule engine indexes its rules by event type and constant. A probe says
 * "this `[ … ]` can only hold on an object of this type whose value at this path has one of these keys";
 * the full compiled test still decides, so a probe may admit too much but never too little.
 */
import type { Comparison, ComparisonExpression, Literal, PathStep } from '../ast.js';
import { chainOperands } from '../operands.js';
import { printPath } from '../printer.js';
import { type Encoding, nfc, pathEncoding } from './compare.js';
import { compileLike } from './like.js';
import { requiredLiterals } from './regex-literal.js';

/**
 * A lookup on the value at `steps`: an equality probe admits an object when that value has one of `keys`
 * ({@link equalityKey}); a containment probe (`contains` set, `keys` empty) when the value is a string
 * whose NFC form contains every one of `contains` — literals that every LIKE or MATCHES hit must include.
 */
export interface IndexProbe {
  /** `type:path` in canonical form, so probes on one path of one type share one lookup. */
  readonly pathKey: string;
  readonly steps: readonly PathStep[];
  readonly encoding: Encoding;
  readonly keys: readonly string[];
  readonly contains?: readonly string[];
}

/** Probes of which at least one must admit an object. */
export type ProbeGroup = readonly IndexProbe[];

/**
 * For each object type that could satisfy the expression: groups of probes that must each admit the
 * object (at least one probe per group), or `'scan'` when no probe is known and the test must run on
 * every object of that type. A type that is absent can never satisfy the expression.
 */
export type ComparisonPlan = ReadonlyMap<string, readonly ProbeGroup[] | 'scan'>;

/** Groups kept per type for an AND: the most selective; more would cost lookups and prune little. */
export const MAX_PROBE_GROUPS = 4;

/** A string value as `=` compares it: case-folded on hex properties, otherwise in NFC. */
export function comparedText(value: string, encoding: Encoding): string {
  return encoding === 'hex' ? value.toLowerCase() : nfc(value);
}

/**
 * The key under which a property value is equal to literals: two values that the evaluator's `=` calls
 * equal always share a key. Numbers key by exact value (integers as integers, so 22 and 22.0 meet),
 * strings after NFC (hex properties case-folded, as the evaluator compares them), booleans as themselves.
 * Undefined for values `=` never relates to a keyable literal (objects, arrays, null).
 */
export function equalityKey(value: unknown, encoding: Encoding): string | undefined {
  switch (typeof value) {
    case 'string':
      return `s${comparedText(value, encoding)}`;
    case 'number':
      return Number.isFinite(value) ? numberKey(value) : undefined;
    case 'boolean':
      return value ? 'btrue' : 'bfalse';
    default:
      return undefined;
  }
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
    case 'string':
      return `s${comparedText(literal.value.normalize('NFC'), encoding)}`;
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

/**
 * The literals every string that a LIKE or MATCHES comparison accepts must contain, after NFC as the
 * evaluator compares; undefined when there are none or the comparison is negated.
 */
function containedLiterals(c: Comparison): string[] | undefined {
  if (c.negated || c.value.kind !== 'string') return undefined;
  const text = c.value.value.normalize('NFC');
  const literals: string[] = [];
  if (c.operator === 'MATCHES') literals.push(...requiredLiterals(text));
  else if (c.operator === 'LIKE') {
    // Every run between wildcards (`%` any run, `_` one character) must appear as it is.
    for (const segment of compileLike(text).segments) {
      let run = '';
      for (const char of [...segment, undefined]) {
        if (char !== undefined) run += char;
        else if (run !== '') {
          literals.push(run);
          run = '';
        }
      }
    }
  }
  return literals.length > 0 ? literals : undefined;
}

function leafPlan(leaf: Exclude<ComparisonExpression, { kind: 'comparisonBinary' }>): ComparisonPlan {
  const type = leaf.path.objectType;
  const { steps } = leaf.path;
  const base = { pathKey: printPath(leaf.path), steps, encoding: pathEncoding(steps) };
  const keys = leaf.kind === 'comparison' ? comparisonKeys(leaf) : undefined;
  if (keys !== undefined) return new Map([[type, [[{ ...base, keys }]]]]);
  const contains = leaf.kind === 'comparison' ? containedLiterals(leaf) : undefined;
  if (contains !== undefined) return new Map([[type, [[{ ...base, keys: [], contains }]]]]);
  return new Map([[type, 'scan']]);
}

/**
 * AND: only types every operand allows; per type, every operand's groups must admit (an object must pass
 * all of them), of which the {@link MAX_PROBE_GROUPS} most selective are kept. A scanning operand adds no
 * group; the type scans only when every operand does.
 */
function allOf(plans: readonly ComparisonPlan[]): ComparisonPlan {
  const [first] = plans;
  const out = new Map<string, readonly ProbeGroup[] | 'scan'>();
  for (const type of first?.keys() ?? []) {
    const entries = plans.map((plan) => plan.get(type));
    if (entries.some((e) => e === undefined)) continue;
    const groups = entries.flatMap((entry) => (entry === undefined || entry === 'scan' ? [] : entry));
    groups.sort((a, b) => keyCount(a) - keyCount(b));
    out.set(type, groups.length === 0 ? 'scan' : groups.slice(0, MAX_PROBE_GROUPS));
  }
  return out;
}

/**
 * OR: every type any operand allows; per type, one group that unites each operand's most selective group
 * (an operand passes only if its own groups all admit, so any one of them is a necessary condition), or a
 * scan if one operand scans.
 */
function anyOf(plans: readonly ComparisonPlan[]): ComparisonPlan {
  const out = new Map<string, readonly ProbeGroup[] | 'scan'>();
  for (const plan of plans) {
    for (const [type, entry] of plan) {
      const seen = out.get(type);
      if (seen === 'scan' || entry === 'scan') {
        out.set(type, 'scan');
        continue;
      }
      const best = [...entry].sort((a, b) => keyCount(a) - keyCount(b))[0] ?? [];
      out.set(type, [[...(seen?.[0] ?? []), ...best]]);
    }
  }
  return out;
}

/** How much a group admits: equality keys count one each, literals more the less text they need. */
function keyCount(group: ProbeGroup): number {
  const literalCost = (literals: readonly string[]): number =>
    1_000 -
    Math.min(
      999,
      literals.reduce((sum, literal) => sum + literal.length, 0),
    );
  return group.reduce(
    (sum, probe) => sum + (probe.contains === undefined ? probe.keys.length : literalCost(probe.contains)),
    0,
  );
}

/**
 * Plans the index lookups of one `[ … ]`. Runs of one operator are flattened as the evaluator does, so a
 * long AND chain needs no deep recursion; only alternation, bounded by the parser's depth limit, nests.
 */
export function planComparison(expr: ComparisonExpression): ComparisonPlan {
  if (expr.kind !== 'comparisonBinary') return leafPlan(expr);
  const plans = chainOperands(expr).map(planComparison);
  return expr.operator === 'AND' ? allOf(plans) : anyOf(plans);
}
