/** The contract between a sensor's normaliser and the pipeline. */
import type { Rejection } from '../sources/index.js';
import type { Timestamp } from '../stix/index.js';
import type { LineageTracker } from './lineage.js';
import type { NormalisedEvent } from './model.js';

/** A sensor event normalised, or the reason it could not be (a bad time, say). */
export type Normalised =
  | { readonly ok: true; readonly event: NormalisedEvent }
  | { readonly ok: false; readonly rejection: Rejection };

/** State a normaliser may consult and update; one per stream (CLI run, server). */
export interface NormaliseContext {
  /** Recently seen processes by exec id, to rebuild lineage when a sensor reports only the parent. */
  readonly lineage: LineageTracker;
  /**
   * When the record being normalised was received. A normaliser may fall back to it only for a record
   * that carries no time at all, and then sets `timeReceived`.
   */
  readonly receivedAt?: () => Timestamp;
}

/** Turns one decoded sensor event (and the JSON text it came from) into the normalised model. */
export type Normaliser<E> = (event: E, raw: string, context: NormaliseContext) => Normalised;
