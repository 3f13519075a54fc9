/**
 * Semantic checks on a parsed pattern: what the grammar accepts but STIX (or RE2, kstorm's regex engine)
 * does not, as errors, and names STIX does not define and observation expressions that can never match, as
 * warnings. Walks the tree with an explicit stack so that long AND/OR chains cannot overflow the call stack.
 */
import { RE2JS } from 're2js';
import { SCO_TYPES, Timestamp } from '../stix/index.js';
import type {
  Comparison,
  Literal,
  ObjectPath,
  Pattern,
  PatternNode,
  Qualified,
  StartStopQualifier,
  StringLiteral,
} from './ast.js';
import { checkSatisfiable } from './check-satisfiable.js';
import { type DiagnosticSink, quote } from './diagnostics.js';
import { printLiteral } from './printer.js';
import { COMMON_SCO_PROPERTIES, SCO_PROPERTIES } from './sco-properties.js';

/** Hex digits each hash algorithm's value has, keyed by the STIX hash-algorithm-ov name. */
export const HASH_HEX_LENGTHS: ReadonlyMap<string, number> = new Map([
  ['MD5', 32],
  ['SHA-1', 40],
  ['SHA-256', 64],
  ['SHA-512', 128],
  ['SHA3-256', 64],
  ['SHA3-512', 128],
]);

const HEX = /^[0-9A-Fa-f]*$/;
const BASE64_CHARS = /^[A-Za-z0-9+/]*$/;

/** Runs every semantic check on `pattern`, adding findings to `sink`. */
export function checkPattern(pattern: Pattern, sink: DiagnosticSink): void {
  const stack: PatternNode[] = [pattern];
  for (let node = stack.pop(); node; node = stack.pop()) {
    switch (node.kind) {
      case 'pattern':
        stack.push(node.expression);
        break;
      case 'observation':
        checkSatisfiable(node.comparison, sink);
        stack.push(node.comparison);
        break;
      case 'observationBinary':
      case 'comparisonBinary':
        stack.push(node.right, node.left);
        break;
      case 'qualified':
        checkQualifiers(node, sink);
        stack.push(node.expression);
        break;
      case 'exists':
        checkPath(node.path, sink);
        break;
      case 'comparison':
        checkComparison(node, sink);
        break;
      default:
        break;
    }
  }
}

function checkComparison(c: Comparison, sink: DiagnosticSink): void {
  checkPath(c.path, sink);
  const literals = c.value.kind === 'set' ? c.value.elements : [c.value];
  for (const lit of literals) checkLiteral(lit, sink);
  if (c.value.kind === 'set') checkSetTypes(c.value.elements, sink);
  if (c.operator === 'MATCHES' && c.value.kind === 'string') checkRegex(c.value, sink);
  if (c.operator === '=' || c.operator === '!=' || c.operator === 'IN') checkHashes(c, literals, sink);
}

/** Malformed hex, binary and timestamp literals. */
function checkLiteral(lit: Literal, sink: DiagnosticSink): void {
  const { offset, length } = lit.span;
  const report = (message: string): void =>
    sink.report('KSTORM_PATTERN_LITERAL', 'error', offset, length, message);
  if (lit.kind === 'hex') {
    if (!HEX.test(lit.value))
      report(`hex literal ${quote(printLiteral(lit))} contains a character that is not 0-9, a-f or A-F`);
    else if (lit.value.length % 2 !== 0)
      report(`hex literal ${quote(printLiteral(lit))} has an odd number of digits`);
  } else if (lit.kind === 'binary') {
    if (!isBase64(lit.value)) report(`binary literal ${quote(printLiteral(lit))} is not padded base64`);
  } else if (lit.kind === 'timestamp') {
    const problem = timestampProblem(lit.value);
    if (problem) report(`timestamp literal is invalid: ${problem}`);
  }
}

/** The grammar's base64: one or more groups of four, the last possibly ending in = or ==. */
function isBase64(text: string): boolean {
  if (text.length === 0 || text.length % 4 !== 0) return false;
  const body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  return BASE64_CHARS.test(body);
}

function timestampProblem(text: string): string | undefined {
  try {
    Timestamp.parse(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

type ValueType = 'number' | 'string' | 'bool' | 'binary' | 'hex' | 'timestamp';

/** Int and float elements count as one numeric type; every other literal kind is its own type. */
function valueType(lit: Literal): ValueType {
  return lit.kind === 'int' || lit.kind === 'float' ? 'number' : lit.kind;
}

function checkSetTypes(elements: readonly Literal[], sink: DiagnosticSink): void {
  const [first, ...rest] = elements;
  if (!first) return;
  const expected = valueType(first);
  const odd = rest.find((e) => valueType(e) !== expected);
  if (odd) {
    const message = `set mixes ${expected} and ${valueType(odd)} values; every element of a set must have the same type`;
    sink.report('KSTORM_PATTERN_SET_TYPE', 'error', odd.span.offset, odd.span.length, message);
  }
}

// RE2 messages are terse; naming the PCRE feature tells the author what to rewrite.
const REFUSED_FEATURES: readonly (readonly [RegExp, string])[] = [
  [/\(\?<[=!]/, 'lookbehind'],
  [/\(\?[=!]/, 'lookahead'],
  [/\\[1-9]/, 'backreferences'],
  [/[*+?}]\+/, 'possessive quantifiers'],
  [/\(\?>/, 'atomic groups'],
];

function checkRegex(lit: StringLiteral, sink: DiagnosticSink): void {
  try {
    RE2JS.compile(lit.value);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const feature = REFUSED_FEATURES.find(([re]) => re.test(lit.value))?.[1];
    const what = feature
      ? `uses ${feature}, which RE2 does not support`
      : 'is not a valid RE2 regular expression';
    const message = `MATCHES regex ${quote(lit.value)} ${what} (${detail})`;
    sink.report('KSTORM_PATTERN_REGEX', 'error', lit.span.offset, lit.span.length, message);
  }
}

function checkHashes(c: Comparison, literals: readonly Literal[], sink: DiagnosticSink): void {
  const steps = c.path.steps;
  const algorithm = steps[steps.length - 1];
  const container = steps[steps.length - 2];
  if (algorithm?.kind !== 'key' || container?.kind !== 'key' || container.name !== 'hashes') return;
  const digits = HASH_HEX_LENGTHS.get(algorithm.name);
  if (digits === undefined) return;
  for (const lit of literals) {
    if (lit.kind !== 'string') continue;
    if (lit.value.length === digits && HEX.test(lit.value)) continue;
    const message = `${algorithm.name} hash ${quote(lit.value)} must be ${digits} hex digits`;
    sink.report('KSTORM_PATTERN_HASH', 'error', lit.span.offset, lit.span.length, message);
  }
}

function checkQualifiers(q: Qualified, sink: DiagnosticSink): void {
  const seen = new Set<string>();
  for (const qualifier of q.qualifiers) {
    const { offset, length } = qualifier.span;
    const report = (message: string): void =>
      sink.report('KSTORM_PATTERN_QUALIFIER', 'error', offset, length, message);
    if (seen.has(qualifier.kind)) {
      const name = { within: 'WITHIN', repeats: 'REPEATS', startStop: 'START/STOP' }[qualifier.kind];
      report(`${name} appears more than once on the same observation expression`);
    }
    seen.add(qualifier.kind);
    if (qualifier.kind === 'within' && !(qualifier.seconds.value > 0)) {
      report(`WITHIN needs a positive number of seconds, not ${printLiteral(qualifier.seconds)}`);
    } else if (qualifier.kind === 'repeats' && qualifier.times.value <= 0n) {
      report(`REPEATS needs a positive number of times, not ${printLiteral(qualifier.times)}`);
    } else if (qualifier.kind === 'startStop') {
      checkStartStop(qualifier, sink);
    }
  }
}

function checkStartStop(q: StartStopQualifier, sink: DiagnosticSink): void {
  const times: (Timestamp | undefined)[] = [];
  for (const lit of [q.start, q.stop]) {
    // STIX 2.0 writes these as plain strings, which must still hold timestamps.
    const problem = timestampProblem(lit.value);
    if (problem) {
      const message = `timestamp literal is invalid: ${problem}`;
      sink.report('KSTORM_PATTERN_LITERAL', 'error', lit.span.offset, lit.span.length, message);
    }
    times.push(problem ? undefined : Timestamp.parse(lit.value));
  }
  const [start, stop] = times;
  if (start && stop && start.epochNanos >= stop.epochNanos) {
    const message = `START ${q.start.value} is not before STOP ${q.stop.value}`;
    sink.report('KSTORM_PATTERN_QUALIFIER', 'error', q.span.offset, q.span.length, message);
  }
}

/** Warnings for object types and top-level properties STIX 2.1 does not define; x- types are custom. */
function checkPath(path: ObjectPath, sink: DiagnosticSink): void {
  const type = path.objectType;
  if (type.startsWith('x-')) return;
  const { offset } = path.span;
  if (!SCO_TYPES.has(type)) {
    const message = `STIX 2.1 defines no cyber-observable object type ${quote(type)}`;
    sink.report('KSTORM_PATTERN_UNKNOWN_OBJECT_TYPE', 'warning', offset, type.length, message);
    return;
  }
  const first = path.steps[0];
  const own = SCO_PROPERTIES.get(type);
  if (first.name === 'extensions') {
    checkExtensionName(path, sink);
    return;
  }
  if (COMMON_SCO_PROPERTIES.has(first.name) || own?.has(first.name) || first.name.startsWith('x_')) return;
  const message = `STIX 2.1 defines no property ${quote(first.name)} on ${type}`;
  sink.report('KSTORM_PATTERN_UNKNOWN_PROPERTY', 'warning', first.span.offset, first.span.length, message);
}

// Keys of `extensions`: predefined `…-ext` names, extension-definition ids, or 2.0-style custom `x-…` names.
const EXTENSION_NAME =
  /^(?:[a-z0-9-]+-ext|x-[A-Za-z0-9_-]+|extension-definition--[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})$/;

/** `extensions.<name>` must name an extension: a property put there directly is never found. */
function checkExtensionName(path: ObjectPath, sink: DiagnosticSink): void {
  const name = path.steps[1];
  if (name?.kind !== 'key' || EXTENSION_NAME.test(name.name)) return;
  const message = `extensions holds extensions by name (…-ext or extension-definition--<uuid>), not properties; ${quote(name.name)} is no extension name`;
  sink.report('KSTORM_PATTERN_UNKNOWN_PROPERTY', 'warning', name.span.offset, name.span.length, message);
}
