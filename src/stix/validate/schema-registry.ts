/**
 * Compiles the official STIX 2.1 JSON schemas (and kstorm's extension schemas) once with Ajv, and answers
 * two questions per object type: does an object conform, and which top-level properties does the
 * schema define (everything else is a custom property).
 */

import { domainToASCII } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';
import { OASIS_SCHEMAS } from '../schemas/oasis/index.js';
import { applyErrata, isIpv6OrCidr } from './errata.js';
import { childPath, quote } from './issues.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const OASIS_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

/**
 * Schema `pattern`s that could backtrack catastrophically run through RE2 (linear time): the OASIS
 * schemas contain nested quantifiers such as `^([a-z][a-z0-9]*)+(-[a-z0-9]+)*$` that blow up in
 * JavaScript's engine on hostile input. Patterns anchored at the start and without a quantified group
 * that itself repeats or alternates are linear natively, and much faster, so only the others pay for RE2
 * (unanchored ones too: retrying at every start position makes them quadratic on long input).
 */
const QUANTIFIED_GROUP_WITH_REPETITION = /\((?:[^()\\]|\\.)*[*+}|](?:[^()\\]|\\.)*\)[*+{]/;
const NESTED_GROUP_QUANTIFIED = /\([^)]*\(.*\)[*+{]/;

/** True when `source` has no construct that backtracks exponentially. Exported for tests. */
export function isLinearPattern(source: string): boolean {
  return (
    source.startsWith('^') &&
    !QUANTIFIED_GROUP_WITH_REPETITION.test(source) &&
    !NESTED_GROUP_QUANTIFIED.test(source)
  );
}

function re2RegExp(source: string): { test: (text: string) => boolean; toString: () => string } {
  if (isLinearPattern(source)) {
    try {
      return new RegExp(source);
    } catch {
      // Syntax JavaScript rejects but RE2 accepts: fall through to RE2.
    }
  }
  const compiled = RE2JS.compile(source);
  // Ajv caches compiled patterns by their toString(), so it must be the source.
  return { test: (text: string) => compiled.matcher(text).find(), toString: () => source };
}
re2RegExp.code = 'kstormRe2';

/** A JSON schema as plain data. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** The compiled schema of one object type. */
export interface TypeSchema {
  readonly validate: ValidateFunction;
  /** Top-level property names the schema defines (through allOf and $ref). */
  readonly properties: ReadonlySet<string>;
}

/** Where each STIX 2.1 object type's schema lives in the OASIS tree. */
function oasisTypePaths(): Map<string, string> {
  const paths = new Map<string, string>();
  for (const path of Object.keys(OASIS_SCHEMAS)) {
    const [folder, file] = path.split('/');
    if (!file) continue;
    const type = file.replace(/\.json$/, '');
    if (folder === 'sdos' || folder === 'sros' || folder === 'observables') paths.set(type, path);
  }
  for (const type of ['marking-definition', 'extension-definition', 'language-content']) {
    paths.set(type, `common/${type}.json`);
  }
  return paths;
}

/** The set of STIX 2.1 types whose objects are SCOs (schemas under observables/). */
export const SCO_TYPES: ReadonlySet<string> = new Set(
  Object.keys(OASIS_SCHEMAS)
    .filter((p) => p.startsWith('observables/'))
    .map((p) => p.slice('observables/'.length, -'.json'.length)),
);

/** SDO types of STIX 2.1. */
export const SDO_TYPES: ReadonlySet<string> = new Set(
  Object.keys(OASIS_SCHEMAS)
    .filter((p) => p.startsWith('sdos/'))
    .map((p) => p.slice('sdos/'.length, -'.json'.length)),
);

/** SRO types of STIX 2.1. */
export const SRO_TYPES: ReadonlySet<string> = new Set(['relationship', 'sighting']);

/** Owns the Ajv instance and the compiled per-type validators. */
export class SchemaRegistry {
  readonly #ajv: Ajv2020;
  readonly #types = new Map<string, TypeSchema>();
  readonly #oasisPaths = oasisTypePaths();
  readonly #bySchemaId = new Map<string, JsonSchema>();

  constructor(extraSchemas: readonly JsonSchema[] = []) {
    // strict off: the OASIS schemas use draft-07 style `definitions` and descriptive keywords.
    this.#ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      validateFormats: true,
      code: { regExp: re2RegExp as never },
    });
    addFormats(this.#ajv);
    // ajv-formats lacks idn-hostname (domain-name.value); WHATWG IDNA processing decides instead.
    this.#ajv.addFormat('idn-hostname', (text: string) => text.length <= 253 && domainToASCII(text) !== '');
    this.#ajv.addFormat('kstorm-ipv6-cidr', isIpv6OrCidr);
    for (const schema of Object.values(applyErrata(OASIS_SCHEMAS))) this.#add(schema as JsonSchema);
    for (const schema of extraSchemas) this.#add(schema);
  }

  #add(schema: JsonSchema): void {
    const id = schema['$id'];
    if (typeof id !== 'string') throw new TypeError('schema without $id');
    this.#ajv.addSchema(schema as object);
    this.#bySchemaId.set(id, schema);
  }

  /** The compiled schema of a STIX 2.1 type, or of a custom type whose schema `$id` is known. */
  forType(type: string, schemaId?: string): TypeSchema | undefined {
    const key = schemaId ?? type;
    const cached = this.#types.get(key);
    if (cached) return cached;
    const path = this.#oasisPaths.get(type);
    const id = schemaId ?? (path ? OASIS_BASE + path : undefined);
    if (!id) return undefined;
    const schema = this.#bySchemaId.get(id);
    const validate = schema ? this.#ajv.getSchema(id) : undefined;
    if (!schema || !validate) return undefined;
    const compiled = { validate, properties: this.#collectProperties(schema, id, new Set()) };
    this.#types.set(key, compiled);
    return compiled;
  }

  /** Compiles a schema that has no `$id` of its own (e.g. a bundle envelope). */
  compile(schema: JsonSchema): ValidateFunction {
    return this.#ajv.compile(schema as object);
  }

  // Follows allOf/anyOf/oneOf and $ref the way the OASIS tree uses them to gather property names.
  #collectProperties(
    schema: JsonSchema,
    baseId: string,
    seen: Set<string>,
    into = new Set<string>(),
  ): Set<string> {
    const properties = schema['properties'];
    if (properties && typeof properties === 'object')
      for (const key of Object.keys(properties)) into.add(key);
    for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
      const parts = schema[combinator];
      if (Array.isArray(parts)) for (const part of parts) this.#collectProperties(part, baseId, seen, into);
    }
    const ref = schema['$ref'];
    if (typeof ref === 'string' && !ref.startsWith('#')) {
      const target = new URL(ref, baseId).href;
      const referenced = this.#bySchemaId.get(target);
      if (referenced && !seen.has(target)) {
        seen.add(target);
        this.#collectProperties(referenced, target, seen, into);
      }
    }
    return into;
  }
}

/** Turns Ajv's errors into (path, message, keyword) triples without duplicates, most specific first. */
export function summariseSchemaErrors(errors: readonly ErrorObject[]): { path: string; message: string }[] {
  const seen = new Set<string>();
  const out: { path: string; message: string }[] = [];
  // "One of these properties" alternatives fail as one `required` per branch; say it as one message,
  // or users add every property the schema listed.
  const consumed = new Set<ErrorObject>();
  for (const combinator of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const branches = errors.filter(
      (e) =>
        e.keyword === 'required' &&
        e.instancePath === combinator.instancePath &&
        e.schemaPath.startsWith(`${combinator.schemaPath}/`),
    );
    if (branches.length < 2) continue;
    for (const branch of branches) consumed.add(branch);
    const names = branches.map((b) => JSON.stringify(String(b.params['missingProperty'])));
    out.push({
      path: pointerToPath(combinator.instancePath),
      message: `needs ${combinator.keyword === 'oneOf' ? 'exactly' : 'at least'} one of the properties ${[...new Set(names)].join(', ')} (schema keyword ${combinator.keyword})`,
    });
  }
  // Combinators (allOf/anyOf/oneOf/if/not) repeat what their branches said; keep the leaves.
  const leaves = errors.filter(
    (e) => !['anyOf', 'oneOf', 'allOf', 'if'].includes(e.keyword) && !consumed.has(e),
  );
  const chosen = leaves.length > 0 || out.length > 0 ? leaves : [...errors];
  for (const error of chosen) {
    const extra =
      error.keyword === 'additionalProperties' ? String(error.params['additionalProperty']) : undefined;
    // Name the offending property itself, so rules that explain it more precisely can replace this one.
    const path =
      extra === undefined
        ? pointerToPath(error.instancePath)
        : childPath(pointerToPath(error.instancePath), extra);
    const detail =
      extra !== undefined
        ? `property ${quote(extra)} is not allowed here`
        : error.keyword === 'required'
          ? `required property ${JSON.stringify(String(error.params['missingProperty']))} is missing`
          : error.keyword === 'enum'
            ? `must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
            : (error.message ?? error.keyword);
    const message = `${detail} (schema keyword ${error.keyword})`;
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out.sort((a, b) => b.path.length - a.path.length);
}

/** Converts a JSON pointer (`/extensions/tcp-ext/x`) to a JSON path (`$.extensions['tcp-ext'].x`). */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '$';
  let path = '$';
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = childPath(path, /^\d+$/.test(part) ? Number(part) : part);
  }
  return path;
}
