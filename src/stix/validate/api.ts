/** The validator's public shape: stateless checks of one object, and sessions that validate a stream. */
import type { SourceLocation } from '../stream/read.js';
import type { ValidationCounts, ValidationIssue } from './issues.js';

/** Options of a validator. */
export interface ValidatorOptions {
  /**
   * Report departures from STIX SHOULDs (non-deterministic SCO ids, legacy custom properties, UUIDs that
   * are not v4/v5) as errors instead of warnings. kstorm's own output is checked this way.
   */
  readonly strict?: boolean;
}

/**
 * Validates a stream of objects as one scope (a bundle, a file): extension-definitions seen anywhere in
 * the scope declare extensions for every object in it, so checks that depend on them wait for `finish`.
 */
export interface ValidationSession {
  /** Validates one object; returns the issues that can be decided now. */
  addObject(object: unknown, location?: SourceLocation): ValidationIssue[];
  /** Validates a bundle's envelope (every property but `objects`). */
  addBundleEnvelope(bundle: Readonly<Record<string, unknown>>, location?: SourceLocation): ValidationIssue[];
  /** Ends the scope: returns the issues that had to wait for every extension-definition. */
  finish(): ValidationIssue[];
  /** Totals so far. */
  readonly counts: Readonly<ValidationCounts>;
}

/** A compiled validator: build once, use for any number of objects. */
export interface StixValidator {
  /** Validates one object on its own (only kstorm's built-in extension-definitions are in scope). */
  validateObject(object: unknown): ValidationIssue[];
  /** Validates objects (or bundles, expanded) as one scope. */
  validateAll(objects: Iterable<unknown>): ValidationIssue[];
  /** Starts a streaming scope. */
  session(): ValidationSession;
}
