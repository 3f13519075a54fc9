/**
 * Checks a threat-model document against the published JSON Schema (compiled once) and turns Ajv's
 * errors into located, readable problems: one per real mistake, not one per schema branch tried.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { RE2JS } from 're2js';
import type { ProblemList } from './problems.js';
import schema from './schema/threatmodel.schema.json' with { type: 'json' };
import type { PathKey, SourceDocument } from './yaml-source.js';

/** The JSON Schema of the format, for editors and tools (also published as schemas/threatmodel.schema.json). */
export const THREAT_MODEL_SCHEMA: Readonly<Record<string, unknown>> = schema;

let compiled: ValidateFunction | undefined;

// Schema patterns run on RE2 so a hostile model file cannot make a pattern backtrack.
function re2RegExp(source: string): { test: (text: string) => boolean; toString: () => string } {
  const regex = RE2JS.compile(source);
  return { test: (text: string) => regex.matcher(text).find(), toString: () => source };
}
re2RegExp.code = 'kstormThreatModelRe2';

function validator(): ValidateFunction {
  compiled ??= new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    code: { regExp: re2RegExp as never },
  }).compile(schema);
  return compiled;
}

const VALUE_KEYWORDS = new Set(['type', 'enum', 'const', 'pattern']);
const COMBINATORS = new Set(['if', 'anyOf', 'oneOf', 'allOf', 'then', 'else']);

/** Validates one document; reports problems and returns whether it conforms. */
export function checkSchema(document: SourceDocument, problems: ProblemList): boolean {
  const validate = validator();
  if (validate(document.value)) return true;
  for (const error of relevant(validate.errors ?? [], document.value)) {
    const path = pointer(error.instancePath);
    const extra =
      error.keyword === 'additionalProperties' ? String(error.params['additionalProperty']) : undefined;
    const at = extra === undefined ? document.position(path) : document.position([...path, extra], true);
    problems.error('KSTORM_MODEL_SCHEMA', at, `${describePath(path, extra)}: ${explain(error)}`);
  }
  return false;
}

/**
 * Keeps the errors a person needs. A value checked against alternatives (a sensor given as a string or
 * an object) fails every alternative; when the value is an object or array, the failures of the scalar
 * alternatives say nothing useful, and combinator errors only repeat their branches.
 */
function relevant(errors: readonly ErrorObject[], root: unknown): ErrorObject[] {
  const leaves = errors.filter((e) => !COMBINATORS.has(e.keyword));
  const kept = leaves.filter((e) => {
    if (!VALUE_KEYWORDS.has(e.keyword)) return true;
    const value = valueAt(root, pointer(e.instancePath));
    if (value === null || typeof value !== 'object') return true;
    // A scalar alternative failing on a structured value: drop it when a structural error explains more.
    return !leaves.some(
      (other) =>
        other !== e &&
        (other.instancePath.startsWith(`${e.instancePath}/`) ||
          (other.instancePath === e.instancePath && !VALUE_KEYWORDS.has(other.keyword))),
    );
  });
  const chosen = kept.length > 0 ? kept : [...errors];
  const seen = new Set<string>();
  return chosen.filter((e) => {
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function explain(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return 'is not a property of this object (check the spelling and the nesting)';
    case 'required':
      return `the required property ${JSON.stringify(String(error.params['missingProperty']))} is missing`;
    case 'enum':
      return `must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(error.params['allowedValue'])}`;
    case 'pattern':
      return `does not have the required form (${hintFor(String(error.params['pattern']))})`;
    default:
      return error.message ?? error.keyword;
  }
}

/** Patterns are for machines; say what they mean. */
function hintFor(pattern: string): string {
  if (pattern.startsWith('^[a-z]([a-z0-9-]'))
    return 'lower-case letters, digits and hyphens, starting with a letter, at most 63 characters';
  if (pattern.startsWith('^(T[0-9]{4}'))
    return 'an ATT&CK id like T1610 or T1552.005, or a TMFK id like MS-TA9013';
  if (pattern.startsWith('^R[0-9]{4}')) return 'a Kubescape rule id like R0002';
  if (pattern.startsWith('^/')) return 'an absolute path';
  return `pattern ${pattern}`;
}

function describePath(path: readonly PathKey[], extra?: string): string {
  const all = extra === undefined ? path : [...path, extra];
  if (all.length === 0) return 'the document';
  return all.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function pointer(instancePath: string): PathKey[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, key) ? (value as Record<PathKey, unknown>)[key] : undefined;
  }
  return value;
}
