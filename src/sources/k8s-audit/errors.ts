/** The rejection for a record that is JSON of the right shape but not a kind this decoder reads. */
import { FieldError } from '../fields.js';

const QUOTE_LIMIT = 80;

/** `found` is attacker text: at most 80 characters of it are quoted, JSON-escaped. */
export function unknownKind(path: string, found: string, why: string): FieldError {
  const quoted = JSON.stringify(found.length > QUOTE_LIMIT ? `${found.slice(0, QUOTE_LIMIT)}…` : found);
  return new FieldError('KSTORM_EVENT_UNKNOWN_KIND', `${path} is ${quoted}; ${why}.`, path);
}
