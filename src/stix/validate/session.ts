/**
 * One validation scope (a bundle, a file, a stream): applies the schema and every rule to each object.
 * Checks that depend on extension-definitions wait until every definition in the scope has been seen,
 * holding only the objects that need one still unseen.
 */
import { ID_CONTRIBUTING_PROPERTIES } from '../identifiers.js';
import type { SourceLocation } from '../stream/read.js';
import { TLP2_EXTENSION_ID } from '../tlp.js';
import type { ExtensionType } from '../types.js';
import type { ValidationSession } from './api.js';
import {
  checkExtensions,
  type KnownExtension,
  newTypeDefinition,
  usedDefinitionIds,
} from './extension-rules.js';
import { childPath, quote, type ValidationCounts, type ValidationIssue } from './issues.js';
import { type BareIssue, checkIdentifier, checkTimes } from './object-rules.js';
import { checkReferences } from './ref-rules.js';
import {
  SCO_TYPES,
  type SchemaRegistry,
  SDO_TYPES,
  SRO_TYPES,
  summariseSchemaErrors,
} from './schema-registry.js';

const STANDARD_META = new Set(['marking-definition', 'extension-definition', 'language-content']);
const OASIS = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/';
// Objects held back for extension-definitions not yet seen; beyond this they are judged with what is known.
const MAX_PENDING = 200_000;
const MAX_MESSAGE = 400;
const NESTED_BUNDLE: BareIssue = {
  code: 'KSTORM_STIX_SCHEMA',
  severity: 'error',
  path: '$',
  message: 'a bundle cannot contain a bundle: its objects are STIX objects, and a bundle is not one',
};

/** Appends without spreading: a spread of a huge list overflows the call stack. */
function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}

function isStandardType(type: string): boolean {
  return SDO_TYPES.has(type) || SCO_TYPES.has(type) || SRO_TYPES.has(type) || STANDARD_META.has(type);
}

/** What a validator compiled once: shared by all its sessions. */
export interface Compiled {
  readonly registry: SchemaRegistry;
  readonly builtIns: ReadonlyMap<
    string,
    KnownExtension & { schemaId: string; idContributing?: readonly string[] }
  >;
  readonly strict: boolean;
}

export function toKnown(object: Readonly<Record<string, unknown>>): KnownExtension | undefined {
  const id = object['id'];
  const types = object['extension_types'];
  if (typeof id !== 'string' || !Array.isArray(types)) return undefined;
  const properties = object['extension_properties'];
  return {
    id,
    name: typeof object['name'] === 'string' ? object['name'] : id,
    types: new Set(types.filter((t): t is ExtensionType => typeof t === 'string') as ExtensionType[]),
    properties: Array.isArray(properties) ? properties.filter((p): p is string => typeof p === 'string') : [],
  };
}

export class Session implements ValidationSession {
  readonly counts: ValidationCounts = { objects: 0, invalidObjects: 0, errors: 0, warnings: 0 };
  readonly #c: Compiled;
  // Well-known definitions that are used by id without being shipped in every bundle.
  readonly #definitions = new Map<string, KnownExtension>([
    [
      TLP2_EXTENSION_ID,
      { id: TLP2_EXTENSION_ID, name: 'TLP 2.0', types: new Set(['property-extension']), properties: [] },
    ],
  ]);
  readonly #pending: { object: Record<string, unknown>; location: SourceLocation | undefined }[] = [];
  // Custom types declared as SCOs, learned from objects' new-sco extensions (for ref target checks).
  readonly #customScoTypes: Set<string>;

  constructor(compiled: Compiled) {
    this.#c = compiled;
    // kstorm's built-in new-sco definitions are named after the type they declare.
    this.#customScoTypes = new Set(
      [...compiled.builtIns.values()].filter((k) => k.types.has('new-sco')).map((k) => k.name),
    );
  }

  #known = (id: string): KnownExtension | undefined => this.#c.builtIns.get(id) ?? this.#definitions.get(id);

  addBundleEnvelope(bundle: Readonly<Record<string, unknown>>, location?: SourceLocation): ValidationIssue[] {
    const bare: BareIssue[] = [];
    for (const key of Object.keys(bundle)) {
      if (key === 'type' || key === 'id' || key === 'objects') continue;
      bare.push({
        code: 'KSTORM_STIX_SCHEMA',
        severity: 'error',
        path: childPath('$', key),
        message:
          key === 'spec_version'
            ? 'a STIX 2.1 bundle has no spec_version (it was removed in 2.1; each object carries its own)'
            : `a bundle has only type, id and objects; ${quote(key, 40)} is not allowed`,
      });
    }
    if (bundle['objects'] !== undefined && !Array.isArray(bundle['objects'])) {
      bare.push({
        code: 'KSTORM_STIX_SCHEMA',
        severity: 'error',
        path: '$.objects',
        message: 'objects must be an array',
      });
    }
    append(bare, checkIdentifier(bundle, 'bundle', false, undefined, this.#should()));
    return this.#finishObject(bundle, bare, location, false);
  }

  addObject(input: unknown, location?: SourceLocation, insideBundle = false): ValidationIssue[] {
    if (
      !input ||
      typeof input !== 'object' ||
      Array.isArray(input) ||
      typeof (input as { type?: unknown }).type !== 'string'
    ) {
      this.counts.objects += 1;
      return this.#finishObject(
        {},
        [
          {
            code: 'KSTORM_STIX_SCHEMA',
            severity: 'error',
            path: '$',
            message: 'a STIX object is a JSON object with a string "type"',
          },
        ],
        location,
        true,
      );
    }
    const object = input as Record<string, unknown>;
    if (object['type'] === 'bundle') {
      if (insideBundle) {
        this.counts.objects += 1;
        return this.#finishObject(object, [NESTED_BUNDLE], location, true);
      }
      const issues = this.addBundleEnvelope(object, location);
      const inner = object['objects'];
      if (Array.isArray(inner))
        for (const item of inner) append(issues, this.addObject(item, location, true));
      return issues;
    }
    this.counts.objects += 1;
    if (object['type'] === 'extension-definition') {
      const known = toKnown(object);
      if (known) this.#definitions.set(known.id, known);
    }
    const newType = newTypeDefinition(object);
    if (newType?.kind === 'new-sco') this.#customScoTypes.add(String(object['type']));
    const waiting =
      usedDefinitionIds(object).some((id) => !this.#known(id)) || this.#refersToUnknownCustomType(object);
    if (waiting && this.#pending.length < MAX_PENDING) {
      // Judged at finish(), once every definition and custom type in the scope has been seen.
      this.#pending.push({ object, location });
      return [];
    }
    return this.#finishObject(object, this.#safeCheck(object), location, true);
  }

  finish(): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    for (const { object, location } of this.#pending.splice(0)) {
      append(issues, this.#finishObject(object, this.#safeCheck(object), location, true));
    }
    return issues;
  }

  // A custom type's category (SCO or not) decides ref targets; it may be declared later in the scope.
  #refersToUnknownCustomType(object: Record<string, unknown>): boolean {
    for (const [key, value] of Object.entries(object)) {
      if (!key.endsWith('_ref') && !key.endsWith('_refs')) continue;
      for (const ref of Array.isArray(value) ? value : [value]) {
        const type = typeof ref === 'string' ? ref.slice(0, ref.indexOf('--')) : '';
        if (type && !isStandardType(type) && !this.#customScoTypes.has(type)) return true;
      }
    }
    return false;
  }

  // Hostile shapes (nesting deeper than the stack, numbers that overflow to Infinity) must become an
  // issue about the object, never an exception out of the validator.
  #safeCheck(object: Record<string, unknown>): BareIssue[] {
    try {
      return this.#check(object);
    } catch (error) {
      const message =
        error instanceof RangeError
          ? 'the object is nested too deeply or is too large to validate'
          : 'the object holds a value STIX cannot represent (such as a number beyond the JSON range)';
      return [{ code: 'KSTORM_STIX_SCHEMA', severity: 'error', path: '$', message }];
    }
  }

  #should(): 'error' | 'warning' {
    return this.#c.strict ? 'error' : 'warning';
  }

  #check(object: Record<string, unknown>): BareIssue[] {
    const type = String(object['type']);
    if (type.length > 250) {
      // Longer than any STIX type may be: nothing else about the object can be judged sensibly.
      return [
        {
          code: 'KSTORM_STIX_SCHEMA',
          severity: 'error',
          path: '$.type',
          message: `type ${quote(type)} is longer than 250 characters`,
        },
      ];
    }
    const isStandard =
      SDO_TYPES.has(type) || SCO_TYPES.has(type) || SRO_TYPES.has(type) || STANDARD_META.has(type);
    const bare: BareIssue[] = [];
    const newType = isStandard ? undefined : newTypeDefinition(object);
    const builtIn = newType ? this.#c.builtIns.get(newType.id) : undefined;
    let schema = isStandard ? this.#c.registry.forType(type) : undefined;
    if (!isStandard) {
      if (!newType) {
        bare.push({
          code: 'KSTORM_STIX_UNKNOWN_TYPE',
          severity: 'error',
          path: '$.type',
          message: `type "${type.slice(0, 80)}" is not a STIX 2.1 type and the object names no new-sdo/new-sco/new-sro extension`,
        });
      } else if (builtIn) {
        schema = this.#c.registry.forType(type, builtIn.schemaId);
      } else {
        // A foreign custom type: only the common core applies; its own schema is not available offline.
        schema = this.#c.registry.forType(
          type,
          OASIS + (newType.kind === 'new-sco' ? 'cyber-observable-core.json' : 'core.json'),
        );
      }
    }
    const isSco = SCO_TYPES.has(type) || newType?.kind === 'new-sco';
    const contributing = builtIn ? builtIn.idContributing : ID_CONTRIBUTING_PROPERTIES[type];
    const precise = [
      ...checkIdentifier(object, type, isSco, contributing, this.#should()),
      ...checkTimes(object),
      ...checkReferences(object, type, (t) => this.#customScoTypes.has(t)),
      ...checkExtensions(
        object,
        type,
        isStandard,
        this.#known,
        isStandard || builtIn ? schema?.properties : undefined,
        this.#should(),
      ),
    ];
    // A precise rule's message replaces the schema's generic "must match pattern" at the same path.
    const explained = new Set(precise.filter((i) => i.severity === 'error').map((i) => i.path));
    if (schema && !schema.validate(object)) {
      for (const e of summariseSchemaErrors(schema.validate.errors ?? [])) {
        if (!explained.has(e.path)) bare.push({ code: 'KSTORM_STIX_SCHEMA', severity: 'error', ...e });
      }
    }
    append(bare, precise);
    bare.push(...this.#checkBuiltInToplevel(object).filter((i) => !explained.has(i.path)));
    return bare;
  }

  // kstorm's toplevel-property-extensions have schemas: check their properties against them.
  #checkBuiltInToplevel(object: Record<string, unknown>): BareIssue[] {
    const out: BareIssue[] = [];
    for (const id of usedDefinitionIds(object)) {
      const builtIn = this.#c.builtIns.get(id);
      if (builtIn?.types.has('property-extension')) {
        out.push(...this.#checkBuiltInProperty(object, id, builtIn.schemaId));
        continue;
      }
      if (!builtIn?.types.has('toplevel-property-extension')) continue;
      const schema = this.#c.registry.forType(`toplevel:${id}`, builtIn.schemaId);
      if (schema && !schema.validate(object)) {
        for (const e of summariseSchemaErrors(schema.validate.errors ?? [])) {
          out.push({ code: 'KSTORM_STIX_EXTENSION_SCHEMA', severity: 'error', ...e });
        }
      }
    }
    return out;
  }

  // A property-extension's content is checked against the extension's own schema.
  #checkBuiltInProperty(object: Record<string, unknown>, id: string, schemaId: string): BareIssue[] {
    const extensions = object['extensions'] as Record<string, unknown> | undefined;
    const content = extensions?.[id];
    const schema = this.#c.registry.forType(`property:${id}`, schemaId);
    if (!schema || content === undefined || schema.validate(content)) return [];
    return summariseSchemaErrors(schema.validate.errors ?? []).map((e) => ({
      code: 'KSTORM_STIX_EXTENSION_SCHEMA' as const,
      severity: 'error' as const,
      ...e,
      path: e.path.replace(/^\$/, `$.extensions['${id}']`),
    }));
  }

  #finishObject(
    object: Readonly<Record<string, unknown>>,
    bare: BareIssue[],
    location: SourceLocation | undefined,
    counted: boolean,
  ): ValidationIssue[] {
    const id = typeof object['id'] === 'string' ? object['id'].slice(0, 300) : undefined;
    const type = typeof object['type'] === 'string' ? object['type'].slice(0, 250) : undefined;
    let errors = 0;
    const issues = bare.map((issue) => {
      if (issue.severity === 'error') errors += 1;
      return {
        ...issue,
        // A last bound on attacker-controlled text, whatever a rule put into its message.
        message:
          issue.message.length > MAX_MESSAGE ? `${issue.message.slice(0, MAX_MESSAGE)}…` : issue.message,
        path: issue.path.length > MAX_MESSAGE ? `${issue.path.slice(0, MAX_MESSAGE)}…` : issue.path,
        ...(id !== undefined ? { objectId: id } : {}),
        ...(type !== undefined ? { objectType: type } : {}),
        ...(location !== undefined ? { location } : {}),
      };
    });
    this.counts.errors += errors;
    this.counts.warnings += issues.length - errors;
    if (counted && errors > 0) this.counts.invalidObjects += 1;
    return issues;
  }
}
