/**
 * The error catalogue: every failure kstorm raises or reports carries one of these stable codes.
 * Codes never change meaning once released; `docs/errors.md` documents each one, and a test keeps
 * the two in step (both ways). The code, not the message text, is what metrics and callers key on.
 */

/** One catalogue entry: what went wrong, and what the user can do about it. */
export interface ErrorSpec {
  readonly summary: string;
  readonly hint: string;
}

export const ERROR_CATALOGUE = {
  // Timestamps
  KSTORM_TIMESTAMP_SYNTAX: {
    summary: 'text is not an RFC 3339 timestamp in UTC',
    hint: 'write it like 2026-01-31T12:00:00.123456789Z: upper-case T and Z, at most 9 fractional digits',
  },
  KSTORM_TIMESTAMP_RANGE: {
    summary: 'timestamp fields are out of range',
    hint: 'check month, day of month, hour, minute and second; 23:59:60 is the only leap second form',
  },
  // Reading JSON inputs
  KSTORM_INPUT_JSON: {
    summary: 'input is not valid JSON',
    hint: 'check the named line and column; JSON lines need one complete JSON value per line',
  },
  KSTORM_INPUT_SHAPE: {
    summary: 'input is JSON but not a STIX object, bundle, array of objects or JSON lines of objects',
    hint: 'each item must be a JSON object with a "type" property',
  },
  KSTORM_INPUT_TOO_LARGE: {
    summary: 'a single record exceeds the size limit',
    hint: 'split the record, or raise the limit if the record is legitimate',
  },
  KSTORM_INPUT_UNREADABLE: {
    summary: 'input could not be read',
    hint: 'check that the file exists and is readable, or pass - to read standard input',
  },
  KSTORM_INPUT_ENCODING: {
    summary: 'a record is not valid UTF-8',
    hint: 'sensors emit UTF-8 JSON; check for a truncated multi-byte character or a binary file',
  },
  // Sensor events
  KSTORM_EVENT_SHAPE: {
    summary: "a sensor record is JSON but a field is missing or of the wrong type for that sensor's format",
    hint: 'check the field at the named path against the sensor format in docs/ingest.md',
  },
  KSTORM_EVENT_UNKNOWN_KIND: {
    summary: 'a sensor record is of an event kind kstorm does not read',
    hint: 'docs/ingest.md lists the event kinds read per sensor; others are dead-lettered, not dropped',
  },
  KSTORM_EVENT_TIME: {
    summary: 'a sensor record has no usable event time',
    hint: 'the time field must be an RFC 3339 UTC timestamp (or nanoseconds since the epoch where the format says so)',
  },
  KSTORM_EVENT_UNKNOWN_SOURCE: {
    summary: 'automatic detection could not tell which sensor a record came from',
    hint: "pass --source with the sensor name (tetragon, k8s-audit, falco, kubescape), or post to the sensor's own ingest path",
  },
  // Ingest over HTTP
  KSTORM_INGEST_AUTH: {
    summary: 'an ingest request lacks a valid bearer token',
    hint: 'send Authorization: Bearer <token> with one of the tokens the server was started with',
  },
  KSTORM_INGEST_BODY: {
    summary: 'an ingest request body cannot be read (too large, bad gzip, or not JSON)',
    hint: 'send JSON (or JSON lines) up to the size limit, gzip-compressed only with Content-Encoding: gzip',
  },
  KSTORM_INGEST_UNAVAILABLE: {
    summary: 'the ingest server cannot take the request now (busy, or its store refused the batch)',
    hint: 'retry after the Retry-After seconds; nothing of the refused request was kept',
  },
  KSTORM_INGEST_ROUTE: {
    summary: 'no ingest endpoint at this path and method',
    hint: 'POST to /ingest/k8s-audit, /ingest/falco, /ingest/kubescape, /ingest/tetragon or /ingest',
  },
  KSTORM_API_NOT_FOUND: {
    summary: 'the storm center has no item with this id (a session, incident or observation)',
    hint: 'list the collection first (/api/v1/sessions, /incidents, /observations); ids can change on restart for sessions',
  },
  KSTORM_API_QUERY: {
    summary: 'a query parameter of the storm center API is not valid',
    hint: 'docs/storm-center.md lists each endpoint and its parameters; times are RFC 3339',
  },
  KSTORM_API_BUSY: {
    summary: 'the storm center already serves as many live feeds as it allows',
    hint: 'close other dashboards or feed readers, or retry after the Retry-After seconds',
  },
  KSTORM_CONFIG: {
    summary: 'a setting is missing or invalid',
    hint: 'fix the named setting; the message says what values it accepts',
  },
  // STIX validation
  KSTORM_STIX_SCHEMA: {
    summary: 'object does not conform to the STIX 2.1 JSON schema for its type',
    hint: 'fix the property at the named path; the schema keyword says which constraint failed',
  },
  KSTORM_STIX_UNKNOWN_TYPE: {
    summary: 'object type is neither a STIX 2.1 type nor declared by an extension-definition in scope',
    hint: 'declare custom types with an extension-definition (extension_types new-sdo, new-sco or new-sro)',
  },
  KSTORM_STIX_ID_FORMAT: {
    summary: 'identifier is not of the form type--UUID with an RFC 4122 UUID',
    hint: 'generate ids as <type>--<UUIDv4> (SDOs, SROs) or the deterministic UUIDv5 (SCOs)',
  },
  KSTORM_STIX_ID_TYPE_MISMATCH: {
    summary: 'identifier prefix differs from the object type',
    hint: 'the part before -- must equal the "type" property exactly',
  },
  KSTORM_STIX_ID_VERSION: {
    summary: 'identifier UUID is neither version 4 nor version 5',
    hint: 'STIX says SDOs, SROs and bundles should use UUIDv4 (or UUIDv5 when derived)',
  },
  KSTORM_STIX_ID_NOT_DETERMINISTIC: {
    summary: 'SCO identifier differs from the UUIDv5 its ID-contributing properties give',
    hint: 'derive SCO ids with the STIX namespace over the canonical JSON of the contributing properties',
  },
  KSTORM_STIX_TIMESTAMP: {
    summary: 'timestamp property is not a valid STIX timestamp',
    hint: 'STIX timestamps are RFC 3339 in UTC ending in Z, with no offset (not +00:00Z)',
  },
  KSTORM_STIX_MODIFIED_BEFORE_CREATED: {
    summary: 'modified is earlier than created',
    hint: 'modified must be equal to or later than created',
  },
  KSTORM_STIX_TIME_ORDER: {
    summary: 'an end time is earlier than its start time',
    hint: 'e.g. last_observed must not be before first_observed, valid_until must be after valid_from',
  },
  KSTORM_STIX_REF_FORMAT: {
    summary: 'reference is not a STIX identifier',
    hint: '_ref and _refs properties hold identifiers of the form type--UUID',
  },
  KSTORM_STIX_REF_TARGET: {
    summary: 'reference points at an object type this property does not allow',
    hint: 'the STIX 2.1 specification lists the allowed target types for each _ref/_refs property',
  },
  KSTORM_STIX_EXTENSION_UNDECLARED: {
    summary: 'extension is used but no extension-definition declares it',
    hint: 'include the extension-definition in the same bundle, or use a predefined extension name',
  },
  KSTORM_STIX_EXTENSION_PREDEFINED: {
    summary: 'extension name is not a predefined extension of this object type',
    hint: 'predefined extensions end in -ext and belong to one SCO type (e.g. tcp-ext on network-traffic)',
  },
  KSTORM_STIX_EXTENSION_TYPE: {
    summary: 'extension is used in a way its extension-definition does not declare',
    hint: 'extension_type in the object must be one of the extension_types the definition lists',
  },
  KSTORM_STIX_EXTENSION_SCHEMA: {
    summary: 'extension content does not conform to the extension schema',
    hint: 'fix the property at the named path to match the extension-definition schema',
  },
  KSTORM_STIX_CUSTOM_PROPERTY_NAME: {
    summary: 'property name is not a well-formed STIX property name',
    hint: 'property names use only a-z, 0-9 and _, with 3 to 250 characters',
  },
  KSTORM_STIX_CUSTOM_PROPERTY: {
    summary: 'custom property is not declared by a toplevel-property-extension',
    hint: 'declare it with an extension-definition of type toplevel-property-extension, or prefix it x_',
  },
  // STIX patterns
  KSTORM_PATTERN_SYNTAX: {
    summary: 'text is not a STIX pattern according to the patterning grammar',
    hint: 'fix the token at the named column; the message lists what the grammar expected there',
  },
  KSTORM_PATTERN_TOO_LONG: {
    summary: 'pattern text exceeds the length limit',
    hint: 'split the indicator into several patterns, or raise the limit if the pattern is legitimate',
  },
  KSTORM_PATTERN_TOO_DEEP: {
    summary: 'pattern nests parentheses or brackets deeper than the limit',
    hint: 'flatten the expression; AND and OR chains need no parentheses',
  },
  KSTORM_PATTERN_LITERAL: {
    summary: 'a hex, binary or timestamp literal in a pattern is malformed',
    hint: "write h'...' with an even number of hex digits, b'...' as padded base64 and t'...' as an RFC 3339 UTC timestamp",
  },
  KSTORM_PATTERN_REGEX: {
    summary: 'a MATCHES regular expression cannot be compiled by RE2',
    hint: 'remove lookaround, backreferences and possessive quantifiers; RE2 runs in linear time and refuses them',
  },
  KSTORM_PATTERN_HASH: {
    summary: 'a hash value does not fit its hash algorithm',
    hint: 'MD5 has 32 hex digits, SHA-1 40, SHA-256 and SHA3-256 64, SHA-512 and SHA3-512 128',
  },
  KSTORM_PATTERN_SET_TYPE: {
    summary: 'a set literal mixes values of different types',
    hint: 'write every element of an IN (...) set with the same literal kind',
  },
  KSTORM_PATTERN_QUALIFIER: {
    summary: 'an observation qualifier is out of range or repeated',
    hint: 'WITHIN and REPEATS need positive numbers, START must be before STOP, and each qualifier kind appears once',
  },
  KSTORM_PATTERN_UNKNOWN_OBJECT_TYPE: {
    summary: 'pattern names an object type that STIX 2.1 does not define',
    hint: 'check the spelling, or name custom object types with an x- prefix',
  },
  KSTORM_PATTERN_UNKNOWN_PROPERTY: {
    summary: 'pattern names a top-level property that STIX 2.1 does not define for that object type',
    hint: 'check the spelling against the specification, or use a custom property under extensions',
  },
  KSTORM_PATTERN_UNSATISFIABLE: {
    summary:
      'an observation expression joins comparisons on different object types with AND, so it can never match',
    hint: 'all comparisons inside one [...] bind to one object: write [type-a:...] AND [type-b:...] instead, or use OR if either object will do',
  },
  // Indicators given to the streaming engine
  KSTORM_INDICATOR_SHAPE: {
    summary: 'an indicator lacks a string id or pattern, or its valid_from / valid_until is not a timestamp',
    hint: 'give each indicator an id, a pattern and, if any, RFC 3339 UTC validity times',
  },
  KSTORM_INDICATOR_PATTERN_TYPE: {
    summary: 'an indicator is written in a pattern language other than STIX',
    hint: 'kstorm evaluates pattern_type stix only; convert the pattern or leave the indicator out',
  },
  KSTORM_INDICATOR_REVOKED: {
    summary: 'an indicator is revoked',
    hint: 'revoked indicators are not evaluated; use the indicator that replaces it',
  },
  KSTORM_INDICATOR_DUPLICATE: {
    summary: 'several indicators share one id',
    hint: 'the version with the latest modified time is used; remove the older copies from the feed',
  },
  // Threat models (attack trees as code)
  KSTORM_MODEL_YAML: {
    summary: 'a threat-model file is not valid YAML',
    hint: 'fix the YAML at the named line and column (indentation, quotes, tabs)',
  },
  KSTORM_MODEL_SCHEMA: {
    summary: 'a threat-model document does not follow the kstorm.dev/v1alpha1 schema',
    hint: 'fix the field at the named line; docs/threatmodels.md and schemas/threatmodel.schema.json describe the format',
  },
  KSTORM_MODEL_DUPLICATE_ID: {
    summary: 'two nodes, witnesses or bait entries of one threat model share an id',
    hint: 'ids must be unique across the whole model (all branches): rename one of them',
  },
  KSTORM_MODEL_UNKNOWN_TECHNIQUE: {
    summary:
      'a technique id is in neither the bundled ATT&CK Containers / Threat Matrix for Kubernetes data nor the model',
    hint: 'check the id, or declare it under spec.techniques with its name',
  },
  KSTORM_MODEL_PATTERN: {
    summary: 'a witness pattern is not a valid STIX 2.1 pattern',
    hint: 'fix the pattern at the named line and column; kstorm pattern check explains it in detail',
  },
  KSTORM_MODEL_GATE: {
    summary: 'a gate has no children, or a gate cannot be reached because nothing under it can be witnessed',
    hint: 'give the gate children with witnesses, or remove it',
  },
  KSTORM_MODEL_REFERENCE: {
    summary: 'a reference names nothing: an unknown bait, ready-made leaf, branch, leaf or threat model',
    hint: 'check the spelling against the ids defined in the model (kstorm model lint lists them)',
  },
  KSTORM_MODEL_SENSOR: {
    summary:
      'a witness relies on a sensor that kstorm cannot provide or that cannot see what its pattern reads',
    hint: 'name a hook, rule or audit resource kstorm can generate (docs/instrumentation.md), or describe it fully in the sensor',
  },
  KSTORM_MODEL_COVERAGE: {
    summary:
      'coverage gap: a leaf without a witness, a witness without a sensor, or a sensor no witness uses',
    hint: 'add a witness to the leaf, or remove what nothing uses',
  },
  KSTORM_MODEL_PATH: {
    summary: 'an attack model is not a path through its branch',
    hint: 'list leaves of the named branch so that its gates are satisfied (sand children in order)',
  },
  // Generated instrumentation
  KSTORM_INSTRUMENT_INVALID: {
    summary: 'generated instrumentation failed its own validation',
    hint: 'this is a kstorm bug unless the model describes a sensor by hand: check the named witness, then report it',
  },
  KSTORM_INSTRUMENT_PARAMETER: {
    summary: 'generated instrumentation needs a parameter value that was not given',
    hint: 'pass --set <name>=<value> (or give the parameter a default in spec.parameters)',
  },
  KSTORM_POLICY_SCHEMA: {
    summary: 'a TracingPolicy does not follow the Tetragon CRD schema',
    hint: 'fix the field at the named path; the CRD schema is cilium.io/v1alpha1 TracingPolicy',
  },
  KSTORM_POLICY_NAME_COLLISION: {
    summary: 'two TracingPolicies share a kind and name, so applying both overwrites one',
    hint: 'give each policy its own metadata.name',
  },
  KSTORM_POLICY_INVALID: {
    summary: 'a TracingPolicy passes the schema but Tetragon would reject or mis-read it',
    hint: 'fix the named selector or argument; the message says which Tetragon rule it breaks',
  },
  KSTORM_WITNESS_TEST: {
    summary: 'a witness test failed: a witness missed its matching observation or matched its near-miss',
    hint: 'fix the witness pattern or the test records; kstorm model test prints the observation',
  },
  // Command line
  KSTORM_CLI_USAGE: {
    summary: 'the command line is not valid',
    hint: 'run the command with --help to see its arguments and options',
  },
  KSTORM_INTERNAL: {
    summary: 'kstorm hit an unexpected internal error',
    hint: 'rerun with --debug and report the stack trace',
  },
} as const satisfies Record<string, ErrorSpec>;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** All error codes, for documentation and tests. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** The typed error every kstorm module throws: a code from the catalogue plus a specific message. */
export class KstormError extends Error {
  override readonly name = 'KstormError';
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** The catalogue's hint for this error: what the user can do about it. */
  get hint(): string {
    return ERROR_CATALOGUE[this.code].hint;
  }
}

/** True when `value` is a KstormError (also across realms, by duck-typing the code). */
export function isKstormError(value: unknown): value is KstormError {
  return (
    value instanceof KstormError ||
    (value instanceof Error &&
      typeof (value as { code?: unknown }).code === 'string' &&
      value.name === 'KstormError')
  );
}
