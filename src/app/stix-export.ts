/**
 * What the center says in STIX: one `sighting` per indicator that matched (aggregated: a noisy
 * indicator updates one object's count and last_seen instead of creating millions), and an incident
 * as a bundle (the incident, the indicators its actor tripped, their sightings restricted to the
 * incident's observations, and those observations with their SCOs).
 */
import type { Incident } from '../correlate/index.js';
import { KSTORM_IDENTITY, namedIdentifier, type StixObject, Timestamp } from '../stix/index.js';

/** STIX caps `count` (§5.2: 0 to 999 999 999). */
const MAX_COUNT = 999_999_999;

export interface SightingFacts {
  readonly indicator: string;
  readonly count: number;
  readonly first: bigint;
  readonly last: bigint;
  /** Observed-data ids: the first ones seen (bounded). */
  readonly refs: readonly string[];
}

export function stixSighting(s: SightingFacts, scope = ''): StixObject {
  const created = Timestamp.fromEpochNanos(s.first).format('milli');
  const modified = Timestamp.fromEpochNanos(s.last).format('milli');
  return {
    type: 'sighting',
    spec_version: '2.1',
    // Stable per indicator (and scope), so every update is a new version of the same object.
    id: namedIdentifier('sighting', `kstorm-sighting|${scope}|${s.indicator}`),
    created,
    modified: modified > created ? modified : created,
    created_by_ref: KSTORM_IDENTITY.id,
    sighting_of_ref: s.indicator,
    count: Math.min(MAX_COUNT, s.count),
    first_seen: Timestamp.fromEpochNanos(s.first).toString(),
    last_seen: Timestamp.fromEpochNanos(s.last).toString(),
    ...(s.refs.length === 0 ? {} : { observed_data_refs: [...s.refs] }),
  } as unknown as StixObject;
}

export interface IncidentEvidence {
  readonly incident: Incident;
  readonly title: string;
  /** The witnessing hits, in time order. */
  readonly hits: readonly { indicator: string; observation: string; time: bigint }[];
  /** The indicator objects by id. */
  readonly indicators: ReadonlyMap<string, StixObject>;
  /** The STIX objects of each observation still kept (by observed-data id). */
  readonly observations: ReadonlyMap<string, readonly StixObject[]>;
}

export function incidentObjects(e: IncidentEvidence): StixObject[] {
  const { incident } = e;
  const opened = Timestamp.fromEpochNanos(incident.opened).format('milli');
  const updated = Timestamp.fromEpochNanos(incident.updated).format('milli');
  const incidentObject = {
    type: 'incident',
    spec_version: '2.1',
    id: namedIdentifier('incident', `kstorm-incident|${incident.id}`),
    created: opened,
    modified: updated > opened ? updated : opened,
    created_by_ref: KSTORM_IDENTITY.id,
    name: e.title,
    description: `Actor session ${incident.session} went ${Math.round(incident.fraction * 100)}% of the way down branch ${incident.branch}${incident.goalReached ? ' and reached its goal' : ''}; severity ${incident.severity}. Steps: ${incident.leaves.join(' → ')}.`,
    labels: [`severity:${incident.severity}`, ...incident.techniques.map((t) => `attack.${t}`)],
  } as unknown as StixObject;
  const byIndicator = new Map<string, { count: number; first: bigint; last: bigint; refs: Set<string> }>();
  for (const hit of e.hits) {
    const s = byIndicator.get(hit.indicator);
    if (!s) {
      byIndicator.set(hit.indicator, {
        count: 1,
        first: hit.time,
        last: hit.time,
        refs: new Set([hit.observation]),
      });
      continue;
    }
    s.count += 1;
    if (hit.time < s.first) s.first = hit.time;
    if (hit.time > s.last) s.last = hit.time;
    s.refs.add(hit.observation);
  }
  const out: StixObject[] = [incidentObject];
  const seen = new Set<string>([incidentObject.id]);
  const add = (o: StixObject) => {
    if (seen.has(o.id)) return;
    seen.add(o.id);
    out.push(o);
  };
  for (const [indicator, s] of byIndicator) {
    const object = e.indicators.get(indicator);
    if (object) add(object);
    const refs = [...s.refs].filter((r) => e.observations.has(r));
    add(stixSighting({ indicator, ...s, refs }, incident.id));
    add({
      type: 'relationship',
      spec_version: '2.1',
      id: namedIdentifier('relationship', `kstorm-incident-indicator|${incident.id}|${indicator}`),
      created: opened,
      modified: opened,
      created_by_ref: KSTORM_IDENTITY.id,
      relationship_type: 'related-to',
      source_ref: incidentObject.id,
      target_ref: indicator,
    } as unknown as StixObject);
  }
  for (const objects of e.observations.values()) for (const o of objects) add(o);
  add(KSTORM_IDENTITY);
  return out;
}
