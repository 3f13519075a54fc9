/**
 * The storm center service: the ingest server's sink commits observations to the store first (a sender
 * is told "accepted" only after that), then feeds the new ones — never a re-delivered one — through
 * matching and correlation and stores sightings, sessions and incidents. On start it rebuilds the
 * correlation state from the stored observations, so a crash loses nothing acknowledged and counts
 * nothing twice.
 */
import { EventEmitter } from 'node:events';
import { actorKeys, type CorrelationEvent } from '../correlate/index.js';
import type { IngestItem } from '../normalise/index.js';
import type { ObservationRow, Store } from '../store/index.js';
import type { ThreatModel } from '../threatmodel/index.js';
import { StormPipeline } from './storm-pipeline.js';

/** What the live feed carries: correlation events once stored, and a tick after each stored batch. */
export type FeedEvent = CorrelationEvent | { readonly type: 'observations'; readonly added: number };

export class StormService {
  readonly store: Store;
  /** Emits `event` with a FeedEvent after the batch that caused it is committed. */
  readonly feed = new EventEmitter();
  readonly model: ThreatModel;
  #pipeline: StormPipeline;
  /** Writes run one after another, so sessions and incidents are stored in the order they changed. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(model: ThreatModel, store: Store) {
    this.model = model;
    this.store = store;
    this.#pipeline = new StormPipeline(model);
  }

  /** Migrates the store and replays every stored observation through a fresh pipeline. */
  async start(): Promise<number> {
    await this.store.migrate();
    this.#pipeline = new StormPipeline(this.model);
    let after: string | undefined;
    let count = 0;
    do {
      const page = await this.store.observations({ limit: 1000, ...(after === undefined ? {} : { after }) });
      for (const row of page.rows) this.#pipeline.observe(JSON.parse(row.objects), row.keys);
      count += page.rows.length;
      after = page.next;
    } while (after !== undefined);
    await this.#persistState();
    return count;
  }

  /** The ingest server's sink. */
  readonly sink = {
    write: (items: readonly IngestItem[]): Promise<void> => {
      const next = this.#queue.then(() => this.#write(items));
      this.#queue = next.catch(() => undefined);
      return next;
    },
  };

  async #write(items: readonly IngestItem[]): Promise<void> {
    const rows: ObservationRow[] = [];
    for (const item of items) {
      if (!item.ok) continue;
      const { event, objects } = item.observation;
      const observed = objects.find((o) => o.type === 'observed-data');
      if (!observed) continue;
      rows.push({
        id: observed.id,
        time: event.time.epochNanos,
        source: event.source,
        kind: event.kind,
        ...(event.cluster === undefined ? {} : { cluster: event.cluster }),
        objects: JSON.stringify(objects),
        keys: actorKeys(event),
      });
    }
    if (rows.length === 0) return;
    const added = new Set(await this.store.putObservations(rows));
    const events: FeedEvent[] = [];
    for (const row of rows)
      if (added.has(row.id)) events.push(...this.#pipeline.observe(JSON.parse(row.objects), row.keys));
    if (added.size === 0) return;
    await this.#persistState();
    events.push({ type: 'observations', added: added.size });
    for (const event of events) this.feed.emit('event', event);
  }

  async #persistState(): Promise<void> {
    const correlator = this.#pipeline.correlator;
    await this.store.putSightings(this.#pipeline.sightings);
    await this.store.putSessions(
      correlator.sessions.map((s) => ({
        id: s.id,
        first: s.first,
        last: s.last,
        keys: [...s.keys],
        leaves: [...s.leafTimes.keys()],
      })),
    );
    await this.store.putIncidents(correlator.incidents);
  }

  /** Summary figures for the API (sessions, incidents, paths, storm level). */
  summary() {
    return this.#pipeline.summary();
  }

  storm() {
    return this.#pipeline.storm();
  }

  /** Live actor sessions, without computing the whole summary. */
  sessionCount(): number {
    return this.#pipeline.correlator.sessions.length;
  }
}
