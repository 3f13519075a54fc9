/**
 * Where the official STIX 2.1 schemas disagree with the specification, the specification wins (the
 * schemas' own README says so). These corrections are applied in memory to copies of the vendored
 * schemas, which stay byte-identical to upstream; each names the spec rule it restores.
 */

type Schema = Record<string, unknown>;

/** A correction: which vendored schema, and how to fix a deep copy of it. */
interface Erratum {
  readonly path: string;
  readonly why: string;
  readonly fix: (schema: Schema) => void;
}

function at(schema: Schema, ...keys: (string | number)[]): Schema {
  let node: unknown = schema;
  for (const key of keys) node = (node as Record<string | number, unknown>)[key];
  if (!node || typeof node !== 'object') throw new Error(`erratum target ${keys.join('/')} not found`);
  return node as Schema;
}

/** The corrections, documented in docs/stix.md. */
export const SCHEMA_ERRATA: readonly Erratum[] = [
  {
    path: 'common/granular-marking.json',
    why: '§7.2.3: marking_ref and lang are each optional, and exactly one of them must be present',
    fix: (schema) => {
      schema['required'] = ['selectors'];
      schema['oneOf'] = [{ required: ['marking_ref'] }, { required: ['lang'] }];
    },
  },
  {
    path: 'observables/ipv6-addr.json',
    why: '§6.6: value is an IPv6 address or CIDR (RFC 4291); the upstream regex lost its backslashes',
    fix: (schema) => {
      const value = at(schema, 'allOf', 1, 'properties', 'value');
      delete value['pattern'];
      value['format'] = 'kstorm-ipv6-cidr';
    },
  },
  {
    path: 'common/hashes-type.json',
    why: '§10.7 hash-algorithm-ov: TLSH digests are 70 hex digits, today usually prefixed by the version T1',
    fix: (schema) => {
      at(schema, 'patternProperties', '^TLSH$')['pattern'] = '^(T1)?[a-fA-F0-9]{70}$';
    },
  },
];

/** Returns the schema set with the errata applied to deep copies of the affected schemas. */
export function applyErrata(schemas: Readonly<Record<string, object>>): Record<string, object> {
  const out: Record<string, object> = { ...schemas };
  for (const erratum of SCHEMA_ERRATA) {
    const original = schemas[erratum.path];
    if (!original) throw new Error(`erratum for unknown schema ${erratum.path}`);
    const copy = structuredClone(original) as Schema;
    erratum.fix(copy);
    out[erratum.path] = copy;
  }
  return out;
}

/** True when `text` is an IPv6 address, optionally with a /0-128 prefix (RFC 4291 text forms). */
export function isIpv6OrCidr(text: string): boolean {
  if (text.length > 60) return false;
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  if (slash !== -1 && !/^(0|[1-9]\d?|1[01]\d|12[0-8])$/.test(text.slice(slash + 1))) return false;
  if (!/^[0-9A-Fa-f:.]+$/.test(address) || !address.includes(':')) return false;
  try {
    // The WHATWG URL parser implements the full IPv6 text grammar, IPv4-embedded forms included.
    return new URL(`http://[${address}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}
