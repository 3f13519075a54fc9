/**
 * Checks a TracingPolicy (or TracingPolicyNamespaced) against Tetragon's own CRD schema, vendored in
 * schema/ (see the NOTICE there). The schema is compiled once, on first use, per kind.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { RE2JS } from 're2js';
import clusterSchema from './schema/tracingpolicy-cilium.io.json' with { type: 'json' };
import namespacedSchema from './schema/tracingpolicynamespaced-cilium.io.json' with { type: 'json' };

/** The kinds kstorm validates, with the schema of each. */
export const POLICY_KINDS = ['TracingPolicy', 'TracingPolicyNamespaced'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** One schema failure: where (a JSON pointer into the document) and what. */
export interface SchemaFailure {
  readonly pointer: string;
  readonly message: string;
}

/**
 * Schema `pattern`s (label values, written by whoever wrote the policy) run on RE2, linear in the input:
 * the CRD's label pattern nests a quantified group, which JavaScript's engine backtracks on.
 */
function re2RegExp(source: string): { test: (text: string) => boolean; toString: () => string } {
  const compiled = RE2JS.compile(source);
  // Ajv caches compiled patterns by their toString(), so it must be the source.
  return { test: (text: string) => compiled.matcher(text).find(), toString: () => source };
}
re2RegExp.code = 'kstormTetragonRe2';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function createAjv(): Ajv {
  // The CRD schemas are OpenAPI v3 as Kubernetes reads it: draft-07 keywords plus annotations.
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictTypes: false,
    code: { regExp: re2RegExp as never },
  });
  // Kubernetes-only annotations: list and map semantics, and CEL rules the API server runs (the few
  // that matter for kprobes are checked by hand in policy-rules.ts).
  for (const keyword of ['x-kubernetes-list-type', 'x-kubernetes-map-type', 'x-kubernetes-validations']) {
    ajv.addKeyword({ keyword, schemaType: ['string', 'array'] });
  }
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  return ajv;
}

let ajv: Ajv | undefined;
const compiled = new Map<PolicyKind, ValidateFunction>();

function validatorFor(kind: PolicyKind): ValidateFunction {
  const cached = compiled.get(kind);
  if (cached) return cached;
  ajv ??= createAjv();
  const schema = kind === 'TracingPolicy' ? clusterSchema : namespacedSchema;
  const validate = ajv.compile(schema as object);
  compiled.set(kind, validate);
  return validate;
}

/** Every way `document` breaks the CRD schema of `kind`; empty when it conforms. */
export function checkPolicySchema(kind: PolicyKind, document: unknown): SchemaFailure[] {
  const validate = validatorFor(kind);
  if (validate(document)) return [];
  return describeErrors(validate.errors ?? []);
}

/** Ajv's errors as one message each, without the combinator noise, most specific first. */
function describeErrors(errors: readonly ErrorObject[]): SchemaFailure[] {
  const seen = new Set<string>();
  const out: SchemaFailure[] = [];
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'allOf') continue;
    const failure = describeError(error);
    const key = `${failure.pointer}\u0000${failure.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(failure);
  }
  return out.sort((a, b) => b.pointer.length - a.pointer.length || (a.pointer < b.pointer ? -1 : 1));
}

function describeError(error: ErrorObject): SchemaFailure {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params['additionalProperty']);
      return {
        pointer: `${error.instancePath}/${escapePointer(field)}`,
        message: `unknown field ${JSON.stringify(field)} (the TracingPolicy CRD does not define it)`,
      };
    }
    case 'required':
      return {
        pointer: error.instancePath,
        message: `required field ${JSON.stringify(String(params['missingProperty']))} is missing`,
      };
    case 'enum':
      return {
        pointer: error.instancePath,
        message: `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'type':
      return { pointer: error.instancePath, message: `must be of type ${String(params['type'])}` };
    default:
      return { pointer: error.instancePath, message: `${error.message ?? 'is invalid'} (${error.keyword})` };
  }
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The argument types the CRD accepts for kprobe arguments (`spec.kprobes[].args[].type`). */
export const ARGUMENT_TYPES: ReadonlySet<string> = new Set(
  clusterSchema.properties.spec.properties.kprobes.items.properties.args.items.properties.type.enum,
);
