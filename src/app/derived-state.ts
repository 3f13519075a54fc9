/**
 * How the service turns a batch into rows: accepted items into observation rows (with the actor keys
 * correlation needs to be rebuilt), refused ones into dead-letter rows, and the correlation events of
 * the batch into the sessions, incidents and sightings to write — only those that changed — and the
 * ones a merge absorbed, to delete.
 */
import { createHash } from 'node:crypto';
import { actorKeys, type CorrelationEvent } from '../correlate/index.js';
import type { DeadLetter, StixObservation } from '../normalise/index.js';
import type { DeadLetterRow, ObservationRow, Store } from '../store/index.js';
import type { StormPipeline } from './storm-pipeline.js';

/** A refused record as the store keeps it: its id digests the record and the reason, so re-sends are kept once. */
export function deadLetterRow(letter: DeadLetter, now: bigint): DeadLetterRow {
  const id = createHash('sha256')
    .update(`${letter.source}\u0000${letter.code}\u0000${letter.raw}`)
    .digest('hex');
  return { id, time: now, source: letter.source, code: letter.code, letter: JSON.stringify(letter) };
}

/** An accepted observation as the store keeps it; `cluster` names records whose sensor does not. */
export function observationRow(
  observation: StixObservation,
  cluster: string | undefined,
): ObservationRow | undefined {
  const { event, objects } = observation;
  const observed = objects.find((o) => o.type === 'observed-data');
  if (!observed) return undefined;
  const named = event.cluster ?? cluster;
  return {
    id: observed.id,
    time: event.time.epochNanos,
    source: event.source,
    kind: event.kind,
    ...(named === undefined ? {} : { cluster: named }),
    objects: JSON.stringify(objects),
    keys: actorKeys(event),
  };
}

export interface ChangedState {
  readonly sessions: string[];
  readonly incidents: string[];
  readonly removed: { sessions: string[]; incidents: string[] };
}

export function changedState(events: readonly ({ type: string } | CorrelationEvent)[]): ChangedState {
  const sessions = new Set<string>();
  const incidents = new Set<string>();
  const removed = { sessions: [] as string[], incidents: [] as string[] };
  for (const event of events) {
    if ('incident' in event) incidents.add(event.incident.id);
    else if ('session' in event) sessions.add(event.session);
    if ('absorbed' in event) {
      removed.sessions.push(...event.absorbed);
      removed.incidents.push(...event.droppedIncidents);
    }
  }
  for (const id of removed.sessions) sessions.delete(id);
  for (const id of removed.incidents) incidents.delete(id);
  return { sessions: [...sessions], incidents: [...incidents], removed };
}

/** Writes the given sessions and incidents as they are now, the sightings that changed, and deletions. */
export async function persistDerived(
  store: Store,
  pipeline: StormPipeline,
  sessionIds: readonly string[],
  incidentIds: readonly string[],
  removed: { sessions?: readonly string[]; incidents?: readonly string[] },
): Promise<void> {
  const correlator = pipeline.correlator;
  await store.putSightings(pipeline.takeChangedSightings());
  await store.putSessions(
    sessionIds
      .flatMap((id) => correlator.session(id) ?? [])
      .map((s) => ({
        id: s.id,
        first: s.first,
        last: s.last,
        keys: [...s.keys],
        leaves: [...s.leafTimes.keys()],
      })),
  );
  await store.putIncidents(incidentIds.flatMap((id) => correlator.incident(id) ?? []));
  if ((removed.sessions?.length ?? 0) + (removed.incidents?.length ?? 0) > 0)
    await store.removeDerived(removed);
}
