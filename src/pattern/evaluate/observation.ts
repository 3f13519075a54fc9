/**
 * The view of one observation that comparison expressions run against: its SCOs keyed by the handle that
 * `_ref` properties use, so 2.1 ids and 2.0 embedded keys resolve the same way.
 */

/**
 * An observation as the evaluator sees it: the SCOs of one observed-data, by id (2.1: object_refs
 * resolved; 2.0: the embedded `objects` dict keyed "0","1",…).
 */
export interface ObservationView {
  readonly objects: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The view of a STIX 2.1 observed-data: each of its `object_refs` looked up in `byId` (typically every
 * object of the bundle). Refs that are not strings or not found are left out, so paths through them read
 * as missing properties.
 */
export function observationFromBundle(
  observedData: Record<string, unknown>,
  byId: ReadonlyMap<string, Record<string, unknown>>,
): ObservationView {
  const objects = new Map<string, Readonly<Record<string, unknown>>>();
  const refs = observedData['object_refs'];
  if (Array.isArray(refs)) {
    for (const ref of refs) {
      const object = typeof ref === 'string' ? byId.get(ref) : undefined;
      if (object) objects.set(ref, object);
    }
  }
  return { objects };
}

/** The view of a STIX 2.0 observed-data: its embedded `objects` dictionary, keyed as written. */
export function observationFromEmbedded(observedData: Record<string, unknown>): ObservationView {
  const objects = new Map<string, Readonly<Record<string, unknown>>>();
  const embedded = observedData['objects'];
  if (isRecord(embedded)) {
    for (const [key, object] of Object.entries(embedded)) if (isRecord(object)) objects.set(key, object);
  }
  return { objects };
}
