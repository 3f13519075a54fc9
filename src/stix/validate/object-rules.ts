/**
 * Per-object rules beyond the JSON schemas: identifier form and type prefix, UUID versions, deterministic
 * SCO ids, exact timestamp syntax (the schemas' regex lets `+00:00Z` and Feb 30 through or says only
 * "pattern"), `modified` ≥ `created` and the other start/end pairs, compared to the nanosecond.
 */
import { isKstormError } from '../../util/index.js';
import { expectedScoIdentifier, parseIdentifier, STIX_SCO_NAMESPACE } from '../identifiers.js';
import { Timestamp } from '../timestamp.js';
import { childPath, type IssueSeverity, quote, type ValidationIssue } from './issues.js';

/** An issue before the object's id, type and location are attached. */
export type BareIssue = Omit<ValidationIssue, 'objectId' | 'objectType' | 'location'>;

/** Top-level properties of type timestamp across the STIX 2.1 objects and kstorm's SCOs. */
const TIMESTAMP_PROPERTIES = [
  'created',
  'modified',
  'object_modified',
  'valid_from',
  'valid_until',
  'first_observed',
  'last_observed',
  'first_seen',
  'last_seen',
  'published',
  'start_time',
  'stop_time',
  'created_time',
  'ctime',
  'mtime',
  'atime',
  'start',
  'end',
  'date',
  'account_created',
  'account_expires',
  'credential_last_changed',
  'account_first_login',
  'account_last_login',
  'validity_not_before',
  'validity_not_after',
  'modified_time',
  'analysis_started',
  'analysis_ended',
  'submitted',
  'request_received',
  'stage_timestamp',
];

/** Start/end pairs and whether the end may equal the start. */
const ORDERED_PAIRS: readonly [start: string, end: string, mayBeEqual: boolean][] = [
  ['first_observed', 'last_observed', true],
  ['first_seen', 'last_seen', true],
  ['valid_from', 'valid_until', false],
  ['start_time', 'stop_time', false],
  ['start', 'end', true],
  ['analysis_started', 'analysis_ended', true],
];

/** Checks `id` against `type`: form, prefix, UUID version, and the deterministic SCO id. */
export function checkIdentifier(
  object: Readonly<Record<string, unknown>>,
  type: string,
  isSco: boolean,
  contributing: readonly string[] | undefined,
  shouldSeverity: IssueSeverity,
): BareIssue[] {
  const id = object['id'];
  const parsed = parseIdentifier(id);
  if (!parsed) {
    return [
      {
        code: 'KSTORM_STIX_ID_FORMAT',
        severity: 'error',
        path: '$.id',
        message: `id ${quote(id)} is not of the form ${type}--<RFC 4122 UUID>`,
      },
    ];
  }
  const issues: BareIssue[] = [];
  if (parsed.type !== type) {
    issues.push({
      code: 'KSTORM_STIX_ID_TYPE_MISMATCH',
      severity: 'error',
      path: '$.id',
      message: `id prefix "${parsed.type}" differs from type "${type}"`,
    });
  }
  if (!isSco && parsed.uuidVersion !== 4 && parsed.uuidVersion !== 5) {
    issues.push({
      code: 'KSTORM_STIX_ID_VERSION',
      severity: shouldSeverity,
      path: '$.id',
      message: `id uses a version ${parsed.uuidVersion} UUID; STIX says ${type} ids should be UUIDv4`,
    });
  }
  if (isSco && contributing && typeof id === 'string') {
    const expected = expectedScoIdentifier({ ...object, type }, contributing);
    if (expected !== undefined && expected !== id) {
      issues.push({
        code: 'KSTORM_STIX_ID_NOT_DETERMINISTIC',
        severity: shouldSeverity,
        path: '$.id',
        message: `id should be ${expected}, the UUIDv5 of its ID-contributing properties (${contributing.join(', ')}) in namespace ${STIX_SCO_NAMESPACE}`,
      });
    }
  }
  return issues;
}

/** Checks timestamp syntax exactly and the order of created/modified and start/end pairs. */
export function checkTimes(object: Readonly<Record<string, unknown>>): BareIssue[] {
  const issues: BareIssue[] = [];
  const parsed = new Map<string, Timestamp>();
  for (const property of TIMESTAMP_PROPERTIES) {
    const value = object[property];
    if (typeof value !== 'string') continue;
    try {
      parsed.set(property, Timestamp.parse(value));
    } catch (error) {
      if (!isKstormError(error)) throw error;
      issues.push({
        code: 'KSTORM_STIX_TIMESTAMP',
        severity: 'error',
        path: childPath('$', property),
        message: `${property}: ${error.message}`,
      });
    }
  }
  const created = parsed.get('created');
  const modified = parsed.get('modified');
  if (created && modified?.isBefore(created)) {
    issues.push({
      code: 'KSTORM_STIX_MODIFIED_BEFORE_CREATED',
      severity: 'error',
      path: '$.modified',
      message: `modified ${modified.toString()} is earlier than created ${created.toString()}`,
    });
  }
  for (const [startName, endName, mayBeEqual] of ORDERED_PAIRS) {
    const start = parsed.get(startName);
    const end = parsed.get(endName);
    if (!start || !end) continue;
    const cmp = end.compare(start);
    if (cmp < 0 || (cmp === 0 && !mayBeEqual)) {
      issues.push({
        code: 'KSTORM_STIX_TIME_ORDER',
        severity: 'error',
        path: childPath('$', endName),
        message: `${endName} ${end.toString()} must be ${mayBeEqual ? 'at or after' : 'after'} ${startName} ${start.toString()}`,
      });
    }
  }
  return issues;
}
