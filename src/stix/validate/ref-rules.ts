/**
 * `_ref` / `_refs` checks the JSON schemas cannot express: every reference is a STIX identifier, never a
 * bundle, and points at a type the specification allows for that property (STIX 2.1 §4-§6 property
 * tables; kstorm's own SCOs per their extension schemas).
 */
import { parseIdentifier } from '../identifiers.js';
import { childPath, quote, type ValidationIssue } from './issues.js';
import { SCO_TYPES, SDO_TYPES, SRO_TYPES } from './schema-registry.js';

/** A target category or a concrete type. */
type Target = '<sdo>' | '<sco>' | '<sro>' | '<any>' | string;

const ANY: readonly Target[] = ['<any>'];
const ADDRESSES = ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'];
const COMMON: Readonly<Record<string, readonly Target[]>> = {
  created_by_ref: ['identity'],
  object_marking_refs: ['marking-definition'],
  'granular_markings.marking_ref': ['marking-definition'],
};

/** Allowed targets by object type and logical property path (object keys joined by dots, no indices). */
const REF_TARGETS: Readonly<Record<string, Readonly<Record<string, readonly Target[]>>>> = {
  sighting: {
    sighting_of_ref: ['<sdo>'],
    observed_data_refs: ['observed-data'],
    where_sighted_refs: ['identity', 'location'],
  },
  relationship: { source_ref: ['<sdo>', '<sco>'], target_ref: ['<sdo>', '<sco>'] },
  'observed-data': { object_refs: ['<sco>', '<sro>'] },
  report: { object_refs: ANY },
  grouping: { object_refs: ANY },
  note: { object_refs: ANY },
  opinion: { object_refs: ANY },
  'language-content': { object_ref: ANY },
  malware: { operating_system_refs: ['software'], sample_refs: ['file', 'artifact'] },
  'malware-analysis': {
    host_vm_ref: ['software'],
    operating_system_ref: ['software'],
    installed_software_refs: ['software'],
    analysis_sco_refs: ['<sco>'],
    sample_ref: ['file', 'artifact', 'network-traffic'],
  },
  directory: { contains_refs: ['file', 'directory'] },
  'domain-name': { resolves_to_refs: ['ipv4-addr', 'ipv6-addr', 'domain-name'] },
  'email-addr': { belongs_to_ref: ['user-account'] },
  'email-message': {
    from_ref: ['email-addr'],
    sender_ref: ['email-addr'],
    to_refs: ['email-addr'],
    cc_refs: ['email-addr'],
    bcc_refs: ['email-addr'],
    raw_email_ref: ['artifact'],
    'body_multipart.body_raw_ref': ['artifact', 'file'],
  },
  file: {
    parent_directory_ref: ['directory'],
    contains_refs: ['<sco>'],
    content_ref: ['artifact'],
    'extensions.archive-ext.contains_refs': ['file', 'directory'],
  },
  'ipv4-addr': { resolves_to_refs: ['mac-addr'], belongs_to_refs: ['autonomous-system'] },
  'ipv6-addr': { resolves_to_refs: ['mac-addr'], belongs_to_refs: ['autonomous-system'] },
  'network-traffic': {
    src_ref: ADDRESSES,
    dst_ref: ADDRESSES,
    src_payload_ref: ['artifact'],
    dst_payload_ref: ['artifact'],
    encapsulates_refs: ['network-traffic'],
    encapsulated_by_ref: ['network-traffic'],
    'extensions.http-request-ext.message_body_data_ref': ['artifact'],
  },
  process: {
    opened_connection_refs: ['network-traffic'],
    creator_user_ref: ['user-account'],
    image_ref: ['file'],
    parent_ref: ['process'],
    child_refs: ['process'],
    'extensions.windows-service-ext.service_dll_refs': ['file'],
    k8s_pod_ref: ['x-k8s-pod'],
    k8s_container_ref: ['x-k8s-container'],
  },
  'windows-registry-key': { creator_user_ref: ['user-account'] },
  'x-k8s-container': { pod_ref: ['x-k8s-pod'] },
  'x-k8s-api-request': {
    user_ref: ['user-account'],
    impersonated_user_ref: ['user-account'],
    src_refs: ['ipv4-addr', 'ipv6-addr'],
    object_ref: ['x-k8s-object'],
  },
};

const MAX_DEPTH = 32;
// Dictionary-valued properties: their keys are data (often attacker-controlled), not property names.
const DICTIONARIES = new Set([
  'hashes',
  'environment_variables',
  'ipfix',
  'request_header',
  'additional_header_fields',
  'options',
  'annotations',
  'labels',
  'startup_info',
  'document_info_dict',
  'exif_tags',
  'definition',
]);

function isStandardType(type: string): boolean {
  return SDO_TYPES.has(type) || SCO_TYPES.has(type) || SRO_TYPES.has(type);
}

function allows(targets: readonly Target[], type: string, isCustomSco: (type: string) => boolean): boolean {
  for (const target of targets) {
    if (target === '<any>' || target === type) return true;
    // A custom type's category is only known from its extension-definition; judge what we can.
    if (target === '<sdo>' && (SDO_TYPES.has(type) || (!isStandardType(type) && !isCustomSco(type))))
      return true;
    if (target === '<sco>' && (SCO_TYPES.has(type) || isCustomSco(type))) return true;
    if (target === '<sro>' && SRO_TYPES.has(type)) return true;
  }
  return false;
}

function describe(targets: readonly Target[]): string {
  return targets.map((t) => (t.startsWith('<') ? `any ${t.slice(1, -1).toUpperCase()}` : t)).join(', ');
}

/** Checks every reference in `object`; `isCustomSco` tells which non-STIX types are declared SCOs. */
export function checkReferences(
  object: Readonly<Record<string, unknown>>,
  type: string,
  isCustomSco: (type: string) => boolean,
): Omit<ValidationIssue, 'objectId' | 'objectType' | 'location'>[] {
  const issues: Omit<ValidationIssue, 'objectId' | 'objectType' | 'location'>[] = [];
  const table = REF_TARGETS[type] ?? {};

  const checkOne = (value: unknown, path: string, logical: string): void => {
    const parsed = parseIdentifier(value);
    if (!parsed) {
      issues.push({
        code: 'KSTORM_STIX_REF_FORMAT',
        severity: 'error',
        path,
        message: `${logical} must hold STIX identifiers (type--UUID), got ${quote(value)}`,
      });
      return;
    }
    const targets = table[logical] ?? COMMON[logical];
    if (parsed.type === 'bundle') {
      issues.push({
        code: 'KSTORM_STIX_REF_TARGET',
        severity: 'error',
        path,
        message: `${logical} points at bundle ${quote(value)}; a bundle is a transport envelope, not an object to reference`,
      });
    } else if (targets && !allows(targets, parsed.type, isCustomSco)) {
      issues.push({
        code: 'KSTORM_STIX_REF_TARGET',
        severity: 'error',
        path,
        message: `${logical} of ${type} must point at ${describe(targets)}, not ${parsed.type}`,
      });
    }
  };

  const walk = (
    node: Readonly<Record<string, unknown>>,
    path: string,
    logical: string,
    depth: number,
  ): void => {
    if (depth > MAX_DEPTH) return;
    for (const [key, value] of Object.entries(node)) {
      // STIX 2.0-style observable containers use local keys ("0", "1") as references: not identifiers.
      if (depth === 0 && key === 'objects' && type === 'observed-data') continue;
      // Keys this long are no STIX property (the name rule reports top-level ones); skip, don't echo them.
      if (DICTIONARIES.has(key) || key.length > 250) continue;
      const keyPath = childPath(path, key);
      const keyLogical = logical ? `${logical}.${key}` : key;
      if (key.endsWith('_ref')) {
        checkOne(value, keyPath, keyLogical);
      } else if (key.endsWith('_refs')) {
        if (Array.isArray(value)) {
          value.forEach((item, i) => {
            checkOne(item, childPath(keyPath, i), keyLogical);
          });
        }
        // A non-array _refs is the schema's to report.
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => {
          if (item && typeof item === 'object' && !Array.isArray(item)) {
            walk(item as Record<string, unknown>, childPath(keyPath, i), keyLogical, depth + 1);
          }
        });
      } else if (value && typeof value === 'object') {
        walk(value as Record<string, unknown>, keyPath, keyLogical, depth + 1);
      }
    }
  };
  walk(object, '$', '', 0);
  const refs = object['object_refs'];
  if (type === 'observed-data' && Array.isArray(refs) && refs.length > 0) {
    const targets = refs.map((ref) => parseIdentifier(ref)?.type);
    // Malformed references are already reported; judge the rule only on a list that can be read.
    const readable = targets.every((t) => t !== undefined);
    if (readable && !targets.some((t) => t !== undefined && (SCO_TYPES.has(t) || isCustomSco(t)))) {
      issues.push({
        code: 'KSTORM_STIX_REF_TARGET',
        severity: 'error',
        path: '$.object_refs',
        message: 'object_refs of observed-data must include at least one SCO (STIX 2.1 §4.14)',
      });
    }
  }
  return issues;
}
