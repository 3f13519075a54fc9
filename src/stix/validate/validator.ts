/**
 * The STIX 2.1 validator: JSON schema per type (Ajv, compiled once) plus the rules the schemas cannot
 * express (see docs/stix.md). Build it once; each validation scope is a session.
 */
import { KSTORM_EXTENSIONS } from '../kubernetes.js';
import type { StixValidator, ValidatorOptions } from './api.js';
import type { KnownExtension } from './extension-rules.js';
import type { ValidationIssue } from './issues.js';
import { SchemaRegistry } from './schema-registry.js';
import { type Compiled, Session, toKnown } from './session.js';

/** Builds a validator: compiles the schemas once (about a second), then validates any number of objects. */
export function createValidator(options: ValidatorOptions = {}): StixValidator {
  const registry = new SchemaRegistry(KSTORM_EXTENSIONS.map((e) => e.schema));
  const builtIns = new Map<
    string,
    KnownExtension & { schemaId: string; idContributing?: readonly string[] }
  >();
  for (const extension of KSTORM_EXTENSIONS) {
    const known = toKnown(extension.definition as unknown as Record<string, unknown>);
    if (!known) continue;
    builtIns.set(known.id, {
      ...known,
      schemaId: extension.definition.schema,
      ...(extension.idContributing ? { idContributing: extension.idContributing } : {}),
    });
  }
  const compiled: Compiled = { registry, builtIns, strict: options.strict === true };
  return {
    validateObject(object: unknown): ValidationIssue[] {
      const session = new Session(compiled);
      return [...session.addObject(object), ...session.finish()];
    },
    validateAll(objects: Iterable<unknown>): ValidationIssue[] {
      const session = new Session(compiled);
      const issues: ValidationIssue[] = [];
      // Loops, not push(...spread): one object can carry a huge number of issues.
      for (const object of objects) for (const issue of session.addObject(object)) issues.push(issue);
      for (const issue of session.finish()) issues.push(issue);
      return issues;
    },
    session: () => new Session(compiled),
  };
}
