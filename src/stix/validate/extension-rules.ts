/**
 * Extension and custom-property rules (STIX 2.1 §3.1, §7.3, §11): every key of `extensions` is a
 * predefined extension of the object's type or an extension-definition in scope used as that definition
 * declares; top-level properties the schema does not define come from a toplevel-property-extension,
 * or are well-formed (deprecated) custom properties.
 */
import type { ExtensionType } from '../types.js';
import { article, childPath, quote } from './issues.js';
import type { BareIssue } from './object-rules.js';

/** Predefined extensions of STIX 2.1 by SCO type (§6). */
export const PREDEFINED_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  file: ['archive-ext', 'ntfs-ext', 'pdf-ext', 'raster-image-ext', 'windows-pebinary-ext'],
  'network-traffic': ['http-request-ext', 'icmp-ext', 'socket-ext', 'tcp-ext'],
  process: ['windows-process-ext', 'windows-service-ext'],
  'user-account': ['unix-account-ext'],
};

/** What the validator knows about one extension-definition in scope. */
export interface KnownExtension {
  readonly id: string;
  readonly name: string;
  readonly types: ReadonlySet<ExtensionType>;
  readonly properties: readonly string[];
}

const EXTENSION_DEFINITION_ID = /^extension-definition--[0-9a-fA-F-]{36}$/;
const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;

/** The extension-definition ids an object refers to in `extensions`. */
export function usedDefinitionIds(object: Readonly<Record<string, unknown>>): string[] {
  const extensions = object['extensions'];
  if (!extensions || typeof extensions !== 'object' || Array.isArray(extensions)) return [];
  return Object.keys(extensions).filter((key) => EXTENSION_DEFINITION_ID.test(key));
}

/** The extension_type an object declares for one of its extensions, if any. */
function declaredType(content: unknown): string | undefined {
  if (!content || typeof content !== 'object') return undefined;
  const value = (content as Record<string, unknown>)['extension_type'];
  return typeof value === 'string' ? value : undefined;
}

/** The extension-definition that makes a custom type exist (its `new-*` extension), if the object names one. */
export function newTypeDefinition(
  object: Readonly<Record<string, unknown>>,
): { id: string; kind: string } | undefined {
  const extensions = object['extensions'] as Record<string, unknown> | undefined;
  for (const id of usedDefinitionIds(object)) {
    const kind = declaredType(extensions?.[id]);
    if (kind === 'new-sdo' || kind === 'new-sco' || kind === 'new-sro') return { id, kind };
  }
  return undefined;
}

/**
 * Checks the `extensions` dictionary and top-level custom properties. `known` resolves extension-definition
 * ids in scope; `schemaProperties` is what the type's schema defines (undefined for foreign custom types,
 * whose properties only their own schema knows).
 */
export function checkExtensions(
  object: Readonly<Record<string, unknown>>,
  type: string,
  isStandardType: boolean,
  known: (id: string) => KnownExtension | undefined,
  schemaProperties: ReadonlySet<string> | undefined,
  customSeverity: 'error' | 'warning',
): BareIssue[] {
  const issues: BareIssue[] = [];
  const declaredTopLevel = new Set<string>();
  const extensions = object['extensions'];
  if (extensions && typeof extensions === 'object' && !Array.isArray(extensions)) {
    for (const [key, content] of Object.entries(extensions)) {
      const path = childPath('$.extensions', key);
      if (EXTENSION_DEFINITION_ID.test(key)) {
        const definition = known(key);
        if (!definition) {
          issues.push({
            code: 'KSTORM_STIX_EXTENSION_UNDECLARED',
            severity: 'error',
            path,
            message: `extension ${key} is used but no extension-definition with that id is in scope`,
          });
          continue;
        }
        const kind = declaredType(content) ?? 'property-extension';
        if (!definition.types.has(kind as ExtensionType)) {
          issues.push({
            code: 'KSTORM_STIX_EXTENSION_TYPE',
            severity: 'error',
            path,
            message: `extension ${quote(definition.name)} is used as ${kind.slice(0, 40)}, but its definition declares only ${[...definition.types].join(', ').slice(0, 120)}`,
          });
        }
        if (kind.startsWith('new-') && isStandardType) {
          issues.push({
            code: 'KSTORM_STIX_EXTENSION_TYPE',
            severity: 'error',
            path,
            message: `${kind} extension ${quote(definition.name)} cannot apply to the STIX type ${type}`,
          });
        }
        if (kind === 'toplevel-property-extension')
          for (const p of definition.properties) declaredTopLevel.add(p);
      } else if (key.endsWith('-ext')) {
        if (!(PREDEFINED_EXTENSIONS[type] ?? []).includes(key)) {
          const allowed = PREDEFINED_EXTENSIONS[type];
          issues.push({
            code: 'KSTORM_STIX_EXTENSION_PREDEFINED',
            severity: 'error',
            path,
            message: `${quote(key)} is not a predefined extension of ${type}${allowed ? ` (those are ${allowed.join(', ')})` : ' (it has none)'}; declare custom extensions with an extension-definition`,
          });
        }
      } else {
        issues.push({
          code: 'KSTORM_STIX_EXTENSION_UNDECLARED',
          severity: 'error',
          path,
          message: `extension key ${quote(key)} is neither a predefined -ext name nor an extension-definition id`,
        });
      }
    }
  }
  if (!schemaProperties) return issues;
  for (const key of Object.keys(object)) {
    if (schemaProperties.has(key) || declaredTopLevel.has(key)) continue;
    const path = childPath('$', key);
    if (!PROPERTY_NAME.test(key)) {
      issues.push({
        code: 'KSTORM_STIX_CUSTOM_PROPERTY_NAME',
        severity: 'error',
        path,
        message: `property name ${quote(key, 40)} must be 3-250 characters of a-z, 0-9 and _`,
      });
    } else {
      issues.push({
        code: 'KSTORM_STIX_CUSTOM_PROPERTY',
        severity: customSeverity,
        path,
        message: `${key} is not ${article(type)} property and no toplevel-property-extension in use declares it${key.startsWith('x_') ? '' : ' (legacy custom properties should also start with x_)'}`,
      });
    }
  }
  return issues;
}
