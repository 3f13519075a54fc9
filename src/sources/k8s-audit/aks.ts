/**
 * AKS exports API server audit events through Azure diagnostic settings as records of category
 * `kube-audit` (every event) or `kube-audit-admin` (without get/list), the native Event in
 * `properties.log` — as an object, or as its JSON text (the Log Analytics / Event Hub form).
 */
import { FieldError, field, isObject, type JsonObject, requiredObject, requiredString } from '../fields.js';
import { DEFAULT_MAX_RECORD_BYTES } from '../records.js';
import { unknownKind } from './errors.js';

const AUDIT_CATEGORIES: ReadonlySet<unknown> = new Set(['kube-audit', 'kube-audit-admin']);

/**
 * Longest embedded event text decoded (UTF-16 units): a record's own default limit, so the text of any
 * record the reader accepts by default is read, and a caller handing in a larger object is still bounded.
 */
export const MAX_EMBEDDED_EVENT_LENGTH = DEFAULT_MAX_RECORD_BYTES;

/** The JSON path of the event inside an AKS record. */
export const AKS_EVENT_PATH = '$.properties.log';

/** True for an AKS diagnostic record of an audit category. */
export function isAksAuditRecord(value: JsonObject): boolean {
  if (!AUDIT_CATEGORIES.has(field(value, 'category'))) return false;
  const properties = field(value, 'properties');
  return isObject(properties) && field(properties, 'log') !== undefined;
}

/** The audit event object an AKS record carries, parsing it when it is JSON text. Throws FieldError. */
export function unwrapAksRecord(record: JsonObject): JsonObject {
  const category = requiredString(record, 'category', '$');
  if (!AUDIT_CATEGORIES.has(category)) {
    throw unknownKind(
      '$.category',
      category,
      'kstorm reads the AKS categories kube-audit and kube-audit-admin',
    );
  }
  const properties = requiredObject(record, 'properties', '$');
  const log = field(properties, 'log');
  const event = typeof log === 'string' ? parseEmbedded(log) : log;
  if (!isObject(event)) {
    throw new FieldError(
      'KSTORM_EVENT_SHAPE',
      `${AKS_EVENT_PATH} must be an audit Event object or its JSON text.`,
      AKS_EVENT_PATH,
    );
  }
  return event;
}

function parseEmbedded(text: string): unknown {
  if (text.length > MAX_EMBEDDED_EVENT_LENGTH) {
    const message = `${AKS_EVENT_PATH} is ${text.length} characters long, more than the ${MAX_EMBEDDED_EVENT_LENGTH} read.`;
    throw new FieldError('KSTORM_EVENT_SHAPE', message, AKS_EVENT_PATH);
  }
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the text around the error; ours names only the field.
    throw new FieldError(
      'KSTORM_EVENT_SHAPE',
      `${AKS_EVENT_PATH} holds text that is not valid JSON.`,
      AKS_EVENT_PATH,
    );
  }
}
