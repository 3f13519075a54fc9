/** Shared foundations: the error catalogue and the Result type. Imports nothing. */
export type { ErrorCode, ErrorSpec } from './errors.js';
export { ERROR_CATALOGUE, ERROR_CODES, isKstormError, KstormError } from './errors.js';
export type { Result } from './result.js';
export { err, ok } from './result.js';
