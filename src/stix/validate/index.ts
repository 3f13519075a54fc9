/** STIX 2.1 validation: schemas plus the rules schemas cannot express. */
export type { StixValidator, ValidationSession, ValidatorOptions } from './api.js';
export { PREDEFINED_EXTENSIONS } from './extension-rules.js';
export type { IssueSeverity, ValidationCounts, ValidationIssue } from './issues.js';
export { SCO_TYPES, SDO_TYPES, SRO_TYPES } from './schema-registry.js';
export { createValidator } from './validator.js';
