/**
 * The comparison-level evaluator: compiles what sits inside one `[ … ]` into a closure that says whether a
 * single object of the observation satisfies every comparison at once (STIX 2.1 Part 9).
 */
import { RE2JS } from 're2js';
import type { Comparison, ComparisonExpression } from '../ast.js';
import { chainOperands } from '../operands.js';
import { printComparison } from '../printer.js';
import { cidrContains, parseCidr } from './cidr.js';
import {
  type Encoding,
  nfc,
  type Operand,
  pathEncoding,
  prepareLiteral,
  type Relation,
  relate,
} from './compare.js';
import { compileLike, matchLike } from './like.js';
import type { ObservationView } from './observation.js';
import { requiredLiteral } from './regex-literal.js';
import { compilePath } from './resolve.js';

/**
 * Regexes compiled so far, by NFC source text (`undefined` for one RE2 refuses), so that an engine holding
 * thousands of indicators compiles each distinct regex once.
 */
export type RegexCache = Map<string, RE2JS | undefined>;

type Obj = Readonly<Record<string, unknown>>;
type ObjectTest = (object: Obj, view: ObservationView) => boolean;

/**
 * Single comparisons compiled so far, by canonical text, each remembering its result per object and view:
 * when many indicators repeat one comparison (threat models vary a witness around one command line), an
 * engine evaluates it once per object. Objects and views must not change once evaluated.
 */
export type ComparisonCache = Map<string, ObjectTest>;

/** What compilation may share across comparisons. */
export interface CompileOptions {
  readonly regexes?: RegexCache;
  readonly comparisons?: ComparisonCache;
}

/** `test` remembering its answer for each object it has seen, as long as the view is the same. */
function remembered(test: ObjectTest): ObjectTest {
  const answers = new WeakMap<Obj, { readonly view: ObservationView; readonly result: boolean }>();
  return (object, view) => {
    const known = answers.get(object);
    if (known?.view === view) return known.result;
    const result = test(object, view);
    answers.set(object, { view, result });
    return result;
  };
}
type ValueTest = (value: unknown) => boolean;

/** Relations under which each ordering or equality operator holds; booleans only satisfy = and !=. */
const HOLDS: Readonly<Record<string, (r: Relation) => boolean>> = {
  '=': (r) => r === 'eq' || r === 'same',
  '!=': (r) => r !== 'eq' && r !== 'same',
  '<': (r) => r === 'lt',
  '<=': (r) => r === 'lt' || r === 'eq',
  '>': (r) => r === 'gt',
  '>=': (r) => r === 'gt' || r === 'eq',
};

function relationTest(operator: Comparison['operator'], operand: Operand, encoding: Encoding): ValueTest {
  const test = HOLDS[operator] ?? (() => false);
  return (value) => test(relate(value, encoding, operand));
}

function compileRegex(source: string, cache: RegexCache | undefined): RE2JS | undefined {
  if (cache?.has(source)) return cache.get(source);
  let regex: RE2JS | undefined;
  try {
    regex = RE2JS.compile(source);
  } catch {
    // The checker reports bad regexes; an uncompilable one simply never matches here.
    regex = undefined;
  }
  cache?.set(source, regex);
  return regex;
}

/** The positive test of one comparison on one reached value (before NOT). */
function valueTest(comparison: Comparison, options: CompileOptions): ValueTest {
  const { operator, value: literal } = comparison;
  const encoding = pathEncoding(comparison.path.steps);
  if (literal.kind === 'set') {
    const members = literal.elements.map((element) => relationTest('=', prepareLiteral(element), encoding));
    return (value) => members.some((member) => member(value));
  }
  if (operator === 'IN') return () => false; // the parser always gives IN a set; kept total for safety
  const text = literal.kind === 'string' ? literal.value.normalize('NFC') : undefined;
  switch (operator) {
    case 'LIKE': {
      if (text === undefined) return () => false;
      const like = compileLike(text);
      return (value) => typeof value === 'string' && matchLike(like, nfc(value));
    }
    case 'MATCHES': {
      const compiled = text === undefined ? undefined : compileRegex(text, options.regexes);
      if (!compiled || text === undefined) return () => false;
      // A literal every match must contain rules out most values with one substring search, before RE2.
      const atom = requiredLiteral(text) ?? '';
      return (value) => {
        if (typeof value !== 'string') return false;
        const normalised = nfc(value);
        return normalised.includes(atom) && compiled.matcher(normalised).find();
      };
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      const range = text === undefined ? undefined : parseCidr(text);
      if (!range) return () => false;
      return (value) => {
        const own = typeof value === 'string' ? parseCidr(value) : undefined;
        if (!own) return false;
        return operator === 'ISSUBSET' ? cidrContains(range, own) : cidrContains(own, range);
      };
    }
    default:
      return relationTest(operator, prepareLiteral(literal), encoding);
  }
}

/** One leaf: false on objects of another type and on missing properties, whatever NOT says. */
function leafTest(
  leaf: Exclude<ComparisonExpression, { kind: 'comparisonBinary' }>,
  options: CompileOptions,
): ObjectTest {
  const type = leaf.path.objectType;
  const resolve = compilePath(leaf.path.steps);
  if (leaf.kind === 'exists') {
    return (object, view) => object['type'] === type && resolve(object, view).length > 0 !== leaf.negated;
  }
  const test = valueTest(leaf, options);
  const negated = leaf.negated;
  return (object, view) =>
    object['type'] === type && resolve(object, view).some((value) => test(value) !== negated);
}

/**
 * Flattens runs of one operator into a list so that long AND / OR chains compile without deep recursion;
 * only alternation, which parentheses bound to the parser's depth limit, nests.
 */
function compileTree(expr: ComparisonExpression, types: Set<string>, options: CompileOptions): ObjectTest {
  if (expr.kind !== 'comparisonBinary') {
    types.add(expr.path.objectType);
    const cache = options.comparisons;
    if (!cache) return leafTest(expr, options);
    const key = printComparison(expr);
    let shared = cache.get(key);
    if (!shared) {
      shared = remembered(leafTest(expr, options));
      cache.set(key, shared);
    }
    return shared;
  }
  const tests = chainOperands(expr).map((operand) => compileTree(operand, types, options));
  return expr.operator === 'AND'
    ? (object, view) => tests.every((t) => t(object, view))
    : (object, view) => tests.some((t) => t(object, view));
}

/**
 * Compiles the comparison expression of one `[ … ]` once (regexes, CIDRs, NFC literals, timestamps) and
 * returns a test of whether some single object of an observation satisfies it. Comparisons on different
 * object types never hold on the same object, so their AND is false and their OR holds per object.
 */
export function compileComparison(
  expr: ComparisonExpression,
  options: CompileOptions = {},
): (view: ObservationView) => boolean {
  const types = new Set<string>();
  const test = compileTree(expr, types, options);
  return (view) => {
    for (const object of view.objects.values()) {
      const type = object['type'];
      if (typeof type === 'string' && types.has(type) && test(object, view)) return true;
    }
    return false;
  };
}
