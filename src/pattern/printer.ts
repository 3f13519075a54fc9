/**
 * The printer: AST → canonical pattern text (single spaces, upper-case keywords, `=`/`!=` spellings,
 * escapes re-applied, only the parentheses precedence needs), so that parsing the output gives back an
 * equal tree. Same-operator chains are walked in a loop so long AND/OR chains do not deepen the stack.
 */
import type {
  ComparisonExpression,
  Literal,
  ObjectPath,
  ObservationExpression,
  Pattern,
  Qualifier,
  SetLiteral,
} from './ast.js';
import { keywords } from './lexer.js';

const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = keywords('2.1');

/** Canonical text of a pattern. */
export function printPattern(pattern: Pattern): string {
  return printObservation(pattern.expression);
}

const OBSERVATION_PRECEDENCE = { FOLLOWEDBY: 1, OR: 2, AND: 3 } as const;

function observationPrecedence(e: ObservationExpression): number {
  return e.kind === 'observationBinary' ? OBSERVATION_PRECEDENCE[e.operator] : 4;
}

/** Canonical text of an observation expression. */
export function printObservation(e: ObservationExpression): string {
  switch (e.kind) {
    case 'observation':
      return `[${printComparison(e.comparison)}]`;
    case 'qualified': {
      const inner = printObservation(e.expression);
      const body = e.expression.kind === 'observation' ? inner : `(${inner})`;
      return [body, ...e.qualifiers.map(printQualifier)].join(' ');
    }
    case 'observationBinary':
      return printChain(e, e.operator, observationPrecedence, printObservation);
  }
}

/** A binary node of either expression level. */
interface BinaryNode<N> {
  readonly operator: string;
  readonly left: N;
  readonly right: N;
}

/**
 * Prints a chain of one operator (left-associative). The left spine of same-operator nodes is walked in a
 * loop, so long AND/OR chains do not deepen the stack; operands get parentheses only where precedence
 * needs them (a right operand also when its precedence is equal, since the chain associates left).
 */
function printChain<N extends { readonly kind: string }>(
  node: N & BinaryNode<N>,
  operator: string,
  precedenceOf: (n: N) => number,
  print: (n: N) => string,
): string {
  const precedence = precedenceOf(node);
  const rights: N[] = [];
  let left: N = node;
  while (left.kind === node.kind && (left as N & BinaryNode<N>).operator === operator) {
    const binary = left as N & BinaryNode<N>;
    rights.push(binary.right);
    left = binary.left;
  }
  const wrap = (x: N, strict: boolean): string => {
    const p = precedenceOf(x);
    return (strict ? p <= precedence : p < precedence) ? `(${print(x)})` : print(x);
  };
  return [wrap(left, false), ...rights.reverse().map((r) => wrap(r, true))].join(` ${operator} `);
}

function comparisonPrecedence(c: ComparisonExpression): number {
  if (c.kind !== 'comparisonBinary') return 3;
  return c.operator === 'OR' ? 1 : 2;
}

/** Canonical text of a comparison expression (the part inside brackets). */
export function printComparison(c: ComparisonExpression): string {
  switch (c.kind) {
    case 'exists':
      return `${c.negated ? 'NOT ' : ''}EXISTS ${printPath(c.path)}`;
    case 'comparison': {
      const not = c.negated ? ' NOT' : '';
      return `${printPath(c.path)}${not} ${c.operator} ${printValue(c.value)}`;
    }
    case 'comparisonBinary':
      return printChain(c, c.operator, comparisonPrecedence, printComparison);
  }
}

/** Canonical text of a qualifier. */
export function printQualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return `WITHIN ${printLiteral(q.seconds)} SECONDS`;
    case 'repeats':
      return `REPEATS ${printLiteral(q.times)} TIMES`;
    case 'startStop':
      return `START ${printLiteral(q.start)} STOP ${printLiteral(q.stop)}`;
  }
}

/** Canonical text of an object path; keys that are not plain identifiers (or are keywords) are quoted. */
export function printPath(path: ObjectPath): string {
  const [first, ...rest] = path.steps;
  let text = `${path.objectType}:${printKey(first.name)}`;
  for (const step of rest) {
    text += step.kind === 'key' ? `.${printKey(step.name)}` : `[${step.index.toString()}]`;
  }
  return text;
}

function printKey(name: string): string {
  const bare = BARE_KEY.test(name) && !RESERVED.has(name) && name !== 'true' && name !== 'false';
  return bare ? name : printString(name);
}

function printValue(value: Literal | SetLiteral): string {
  return value.kind === 'set' ? `(${value.elements.map(printLiteral).join(', ')})` : printLiteral(value);
}

/** Canonical text of a literal. */
export function printLiteral(lit: Literal): string {
  switch (lit.kind) {
    case 'int':
      return lit.value.toString();
    case 'float':
      return formatFloat(lit.value);
    case 'string':
      return printString(lit.value);
    case 'bool':
      return lit.value ? 'true' : 'false';
    case 'binary':
      return `b'${lit.value}'`;
    case 'hex':
      return `h'${lit.value}'`;
    case 'timestamp':
      return `t'${lit.value}'`;
  }
}

function printString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Writes a finite number in the grammar's float form (digits, a point, digits; no exponent), exactly the
 * decimal JavaScript's shortest round-trip form denotes, so it parses back to the same double.
 */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(value)));
  if (!match) return String(value);
  const [, whole = '0', frac = '', exp = '0'] = match;
  const digits = whole + frac;
  const point = whole.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
