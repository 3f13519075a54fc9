/**
 * STIX 2.1 identifiers: random UUIDv4 ids for SDOs, SROs and bundles, and the deterministic UUIDv5 ids
 * the specification defines for SCOs (STIX 2.1 §2.9), plus kstorm's one deliberate deviation: `process`
 * ids derived from the sensor's exec id (see docs/stix.md).
 */
import { validate as uuidValidate, version as uuidVersion, v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { KstormError } from '../util/index.js';
import { canonicalJson } from './canonical-json.js';
import { uuid5 } from './uuid5.js';

/** The namespace STIX 2.1 §2.9 fixes for deterministic SCO identifiers. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/**
 * kstorm's own namespace (UUIDv5 of "kstorm.dev" in the URL namespace), for ids that STIX leaves to the
 * producer: process ids from exec ids, and kstorm's extension-definitions.
 */
export const KSTORM_NAMESPACE = uuidv5('https://kstorm.dev/', uuidv5.URL);

// Object-type grammar from STIX 2.1 §3.1 plus an RFC 4122 UUID (version 1-5, variant 10xx).
const IDENTIFIER =
  /^([a-z][a-z0-9-]{1,248}[a-z0-9])--([0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/i;

/** The parts of a STIX identifier. */
export interface ParsedIdentifier {
  readonly type: string;
  readonly uuid: string;
  readonly uuidVersion: number;
}

/** Splits `type--uuid`; returns undefined when `id` is not a well-formed STIX identifier. */
export function parseIdentifier(id: unknown): ParsedIdentifier | undefined {
  if (typeof id !== 'string' || id.length > 300) return undefined;
  const match = IDENTIFIER.exec(id);
  if (!match?.[1] || !match[2] || !uuidValidate(match[2])) return undefined;
  return { type: match[1], uuid: match[2], uuidVersion: uuidVersion(match[2]) };
}

/** A fresh random identifier (UUIDv4), as STIX recommends for SDOs, SROs and bundles. */
export function randomIdentifier<T extends string>(type: T): `${T}--${string}` {
  return `${type}--${uuidv4()}`;
}

/** A name-based identifier: `type--UUIDv5(namespace, name)`. */
export function namedIdentifier<T extends string>(
  type: T,
  name: string,
  namespace: string = KSTORM_NAMESPACE,
): `${T}--${string}` {
  return `${type}--${uuid5(name, namespace)}`;
}

/**
 * ID-contributing properties of each SCO type (STIX 2.1 §6, "ID Contributing Properties"), and of
 * kstorm's own SCO types (declared with their extension-definitions). Types absent here, `process`
 * among them, have none: their ids are UUIDv4.
 */
export const ID_CONTRIBUTING_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': [
    'start',
    'end',
    'src_ref',
    'dst_ref',
    'src_port',
    'dst_port',
    'protocols',
    'extensions',
  ],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

// §2.9: when `hashes` contributes, only one hash is used, picked in this order.
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'] as const;

function chooseOneHash(hashes: unknown): unknown {
  if (typeof hashes !== 'object' || hashes === null || Array.isArray(hashes)) return hashes;
  const dict = hashes as Record<string, unknown>;
  for (const algorithm of HASH_PREFERENCE) {
    if (algorithm in dict) return { [algorithm]: dict[algorithm] };
  }
  const first = Object.keys(dict)[0];
  return first === undefined ? dict : { [first]: dict[first] };
}

/**
 * The canonical JSON (RFC 8785) of an SCO's ID-contributing properties: the UUIDv5 name the
 * deterministic id is computed from. Undefined when the type has no contributing property present.
 */
export function idContributingJson(
  object: Readonly<Record<string, unknown>>,
  contributing: readonly string[] = ID_CONTRIBUTING_PROPERTIES[String(object['type'])] ?? [],
): string | undefined {
  const picked: Record<string, unknown> = {};
  let any = false;
  for (const property of contributing) {
    const value = object[property];
    if (value === undefined || value === null) continue;
    picked[property] = property === 'hashes' ? chooseOneHash(value) : value;
    any = true;
  }
  if (!any) return undefined;
  const text = canonicalJson(picked);
  if (text === undefined)
    throw new KstormError('KSTORM_INTERNAL', 'ID-contributing properties cannot be canonicalised');
  return text;
}

/**
 * The identifier STIX 2.1 §2.9 defines for an SCO: UUIDv5 in the STIX namespace over the canonical JSON
 * of its ID-contributing properties, or a random UUIDv4 when none is present.
 */
export function scoIdentifier(
  object: Readonly<Record<string, unknown>> & { readonly type: string },
  contributing?: readonly string[],
): string {
  const name = idContributingJson(object, contributing);
  return name === undefined
    ? randomIdentifier(object.type)
    : `${object.type}--${uuid5(name, STIX_SCO_NAMESPACE)}`;
}

/** The deterministic id an SCO should have, or undefined when STIX gives it a random one. */
export function expectedScoIdentifier(
  object: Readonly<Record<string, unknown>> & { readonly type: string },
  contributing?: readonly string[],
): string | undefined {
  const name = idContributingJson(object, contributing);
  return name === undefined ? undefined : `${object.type}--${uuidv5(name, STIX_SCO_NAMESPACE)}`;
}

/**
 * kstorm's deviation from §2.9 (documented in docs/stix.md): `process` has no ID-contributing
 * properties in STIX, so two sensors reporting one process would give two objects. kstorm derives the
 * id from the sensor's exec id (unique per execution across the cluster, e.g. Tetragon's `exec_id`),
 * scoped by cluster, so the same execution always collapses into one `process` object.
 */
export function processIdentifier(execId: string, cluster = ''): `process--${string}` {
  if (execId.length === 0) throw new KstormError('KSTORM_INTERNAL', 'a process id needs a non-empty exec id');
  const name = canonicalJson({ cluster, exec_id: execId });
  if (name === undefined) throw new KstormError('KSTORM_INTERNAL', 'exec id cannot be canonicalised');
  return `process--${uuid5(name, KSTORM_NAMESPACE)}`;
}
