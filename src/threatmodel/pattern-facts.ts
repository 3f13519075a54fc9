/**
 * What a witness pattern says for certain about the objects it matches: the necessary conditions of each
 * `[ … ]`. Instrumentation narrows sensors with these (a TracingPolicy selector on a path prefix, an
 * audit rule on a resource) and the loader checks a witness against its sensor with them. Only necessary
 * conditions count, so a sensor narrowed by them never misses an event the pattern could match.
 */
import {
  type Comparison,
  type ComparisonExpression,
  type Literal,
  type ObjectPath,
  type ObservationExpression,
  type Pattern,
  validatePattern,
} from '../pattern/index.js';

/** The values a path may take in every match: one of `equals`, or a string with a listed prefix / suffix. */
export interface PathConstraint {
  /** Empty when the constraint is only prefixes / suffixes. */
  readonly equals: readonly (string | number | boolean)[];
  readonly prefixes: readonly string[];
  readonly suffixes: readonly string[];
}

/** Necessary conditions of one `[ … ]`. */
export interface ObservationFacts {
  /** The object type its comparisons test, or `*` when an OR mixes types. */
  readonly objectType: string;
  /** Every path the observation mentions (printed with `[*]` for any index), constrained or not. */
  readonly paths: ReadonlySet<string>;
  /** Key: the printed path, e.g. `x-kstorm-event:file_refs[*].parent_directory_ref.path`. */
  readonly constraints: ReadonlyMap<string, PathConstraint>;
}

type Constraints = Map<string, PathConstraint>;

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Prints a path in the canonical form facts are keyed by: every index written `[*]`. */
export function factPath(path: ObjectPath): string {
  let text = `${path.objectType}:`;
  path.steps.forEach((step, i) => {
    if (step.kind === 'index') text += '[*]';
    else {
      const name = SIMPLE_KEY.test(step.name) ? step.name : `'${step.name.replaceAll("'", "\\'")}'`;
      text += i === 0 ? name : `.${name}`;
    }
  });
  return text;
}

/** The observations of a pattern with their necessary conditions; `[]` when the pattern is invalid. */
export function patternFacts(pattern: string): ObservationFacts[] {
  const { ast, diagnostics } = validatePattern(pattern);
  if (!ast || diagnostics.some((d) => d.severity === 'error')) return [];
  return patternAstFacts(ast);
}

/** {@link patternFacts} for an already parsed pattern. */
export function patternAstFacts(ast: Pattern): ObservationFacts[] {
  const out: ObservationFacts[] = [];
  const visit = (expression: ObservationExpression): void => {
    switch (expression.kind) {
      case 'observation': {
        const paths = new Set<string>();
        const types = new Set<string>();
        collectPaths(expression.comparison, paths, types);
        const objectType = types.size === 1 ? ([...types][0] ?? '*') : '*';
        out.push({ objectType, paths, constraints: necessary(expression.comparison) });
        return;
      }
      case 'observationBinary':
        visit(expression.left);
        visit(expression.right);
        return;
      case 'qualified':
        visit(expression.expression);
        return;
    }
  };
  visit(ast.expression);
  return out;
}

function collectPaths(expression: ComparisonExpression, paths: Set<string>, types: Set<string>): void {
  if (expression.kind === 'comparisonBinary') {
    collectPaths(expression.left, paths, types);
    collectPaths(expression.right, paths, types);
    return;
  }
  paths.add(factPath(expression.path));
  types.add(expression.path.objectType);
}

function necessary(expression: ComparisonExpression): Constraints {
  switch (expression.kind) {
    case 'exists':
      return new Map();
    case 'comparison': {
      const constraint = comparisonConstraint(expression);
      return constraint ? new Map([[factPath(expression.path), constraint]]) : new Map();
    }
    case 'comparisonBinary': {
      const left = necessary(expression.left);
      const right = necessary(expression.right);
      return expression.operator === 'AND' ? both(left, right) : either(left, right);
    }
  }
}

/** AND: each side's conditions hold; where both constrain a path, the tighter (equality) one is kept. */
function both(left: Constraints, right: Constraints): Constraints {
  const out = new Map(left);
  for (const [path, constraint] of right) {
    const mine = out.get(path);
    if (!mine || (mine.equals.length === 0 && constraint.equals.length > 0)) out.set(path, constraint);
  }
  return out;
}

/** OR: only paths both sides constrain stay constrained, to the union of their values. */
function either(left: Constraints, right: Constraints): Constraints {
  const out: Constraints = new Map();
  for (const [path, a] of left) {
    const b = right.get(path);
    if (!b) continue;
    out.set(path, {
      equals: unique([...a.equals, ...b.equals]),
      prefixes: unique([...a.prefixes, ...b.prefixes]),
      suffixes: unique([...a.suffixes, ...b.suffixes]),
    });
  }
  return out;
}

function comparisonConstraint(comparison: Comparison): PathConstraint | undefined {
  if (comparison.negated) return undefined;
  const { operator, value } = comparison;
  if (operator === '=' && value.kind !== 'set') {
    const v = literalValue(value);
    return v === undefined ? undefined : { equals: [v], prefixes: [], suffixes: [] };
  }
  if (operator === 'IN' && value.kind === 'set') {
    const values = value.elements.map(literalValue);
    if (values.some((v) => v === undefined)) return undefined;
    return { equals: unique(values as (string | number | boolean)[]), prefixes: [], suffixes: [] };
  }
  if (operator === 'LIKE' && value.kind === 'string') return likeConstraint(value.value);
  return undefined;
}

/** LIKE: `%` any run, `_` any one character. Only a literal, `lit%` or `%lit` gives a constraint. */
function likeConstraint(like: string): PathConstraint | undefined {
  if (like.includes('_')) return undefined;
  const inner = like.replace(/^%/, '').replace(/%$/, '');
  if (inner.includes('%') || inner === '') return undefined;
  const starts = like.startsWith('%');
  const ends = like.endsWith('%') && like.length > 1;
  if (starts && ends) return undefined;
  if (starts) return { equals: [], prefixes: [], suffixes: [inner] };
  if (ends) return { equals: [], prefixes: [inner], suffixes: [] };
  return { equals: [inner], prefixes: [], suffixes: [] };
}

function literalValue(literal: Literal): string | number | boolean | undefined {
  switch (literal.kind) {
    case 'string':
      return literal.value;
    case 'bool':
      return literal.value;
    case 'float':
      return literal.value;
    case 'int':
      return literal.value >= BigInt(Number.MIN_SAFE_INTEGER) &&
        literal.value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(literal.value)
        : undefined;
    default:
      return undefined;
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
