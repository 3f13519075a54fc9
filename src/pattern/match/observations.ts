/**
 * Turns matcher input (bundles and loose STIX objects) into the observations a pattern is matched against:
 * each observed-data with its comparison view, time interval and repetition count.
 */
import { Timestamp } from '../../stix/index.js';
import { type ObservationView, observationFromBundle, observationFromEmbedded } from '../evaluate/index.js';

/** One observed-data as the matcher binds it. */
export interface MatchObservation {
  /** The observed-data `id` (empty when it has none, so bindings stay positional). */
  readonly id: string;
  readonly view: ObservationView;
  readonly first: Timestamp;
  readonly last: Timestamp;
  /** `number_observed`; REPEATS on a single `[ … ]` counts it as that many repetitions. */
  readonly count: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every STIX object of the input: bundles are opened, anything else that is an object is taken as is. */
function flatten(input: readonly unknown[]): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  for (const item of input) {
    if (!isRecord(item)) continue;
    const inner = item['objects'];
    if (item['type'] === 'bundle' && Array.isArray(inner)) {
      for (const object of inner) if (isRecord(object)) objects.push(object);
    } else {
      objects.push(item);
    }
  }
  return objects;
}

function timestamp(value: unknown): Timestamp | undefined {
  return typeof value === 'string' ? Timestamp.tryParse(value) : undefined;
}

/**
 * One observed-data as the matcher binds it, or undefined when it has no interval to reason about: its
 * `first_observed` / `last_observed` do not parse, or `last_observed` precedes `first_observed`. For 2.1,
 * `object_refs` are resolved in `byId`; an observed-data with no `object_refs` but embedded `objects`
 * (deprecated in 2.1, still allowed) falls back to those. For 2.0 the embedded `objects` are used. A missing
 * or invalid `number_observed` counts as 1.
 */
export function toMatchObservation(
  object: Record<string, unknown>,
  byId: ReadonlyMap<string, Record<string, unknown>>,
  version: '2.0' | '2.1',
): MatchObservation | undefined {
  if (object['type'] !== 'observed-data') return undefined;
  const first = timestamp(object['first_observed']);
  // Most observations are instants: one parse serves both ends.
  const last =
    object['last_observed'] === object['first_observed'] ? first : timestamp(object['last_observed']);
  if (!first || !last || last.isBefore(first)) return undefined;
  const embedded =
    version === '2.0' || (!Array.isArray(object['object_refs']) && isRecord(object['objects']));
  const view = embedded ? observationFromEmbedded(object) : observationFromBundle(object, byId);
  const n = object['number_observed'];
  const count = typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 ? n : 1;
  const id = object['id'];
  return { id: typeof id === 'string' ? id : '', view, first, last, count };
}

/**
 * Collects the observations of `input` ({@link toMatchObservation} for each observed-data). For 2.1,
 * `object_refs` are resolved against every object of the input (all bundles together, since refs may cross
 * bundle boundaries).
 */
export function collectObservations(input: readonly unknown[], version: '2.0' | '2.1'): MatchObservation[] {
  const objects = flatten(input);
  const byId = new Map<string, Record<string, unknown>>();
  for (const object of objects) {
    const id = object['id'];
    if (typeof id === 'string' && object['type'] !== 'observed-data') byId.set(id, object);
  }
  const observations: MatchObservation[] = [];
  for (const object of objects) {
    const observation = toMatchObservation(object, byId, version);
    if (observation) observations.push(observation);
  }
  return observations;
}
