/**
 * The storm center service: the ingest server's sink commits observations to the store first (a sender
 * is told "accepted" only after that), then feeds the new ones — never a re-delivered one — through
 * matching and correlation and stores sightings, sessions and incidents. On start it rebuilds the
 * correlation state from the stored observations, so a crash loses nothing acknowledged and counts
 * nothing twice.
 */

import { EventEmitter } from 'node:events';
import { type CorrelationEvent, DEFAULT_IDLE_TIMEOUT_SECONDS } from '../correlate/index.js';
import type { IngestItem } from '../normalise/index.js';
import type { EvidenceScope } from '../quantify/index.js';
import type { StixObject } from '../stix/index.js';
import type { DeadLetterRow, ObservationRow, Store } from '../store/index.js';
import type { ThreatModel } from '../threatmodel/index.js';
import { type BranchLayout, branchLayouts, coverage, type TechniqueCoverage } from './dashboard-views.js';
import { changedState, deadLetterRow, observationRow, persistDerived } from './derived-state.js';
import { incidentObjects, stixSighting } from './stix-export.js';
import { type BranchFigures, type PipelineOptions, StormPipeline } from './storm-pipeline.js';
import { type SessionDetail, type SessionView, sessionDetail, sessionView } from './views.js';

/** What the live feed carries: correlation events once stored, and a tick after each stored batch. */
export type FeedEvent =
  | CorrelationEvent
  | { readonly type: 'observations' | 'dead-letters'; readonly added: number };

export interface ServiceOptions extends PipelineOptions {
  /** Wall clock, ns since the epoch (tests set it). */
  readonly clock?: () => bigint;
}

/** Sensors' clocks may run ahead of ours by this much before their times stop counting as "now". */
const MAX_CLOCK_SKEW = 5n * 60n * 1_000_000_000n;

export class StormService {
  readonly store: Store;
  /** Emits `event` with a FeedEvent after the batch that caused it is committed. */
  readonly feed = new EventEmitter();
  readonly model: ThreatModel;
  #pipeline: StormPipeline;
  /** Writes run one after another, so sessions and incidents are stored in the order they changed. */
  #queue: Promise<unknown> = Promise.resolve();

  readonly #options: PipelineOptions;
  readonly #clock: () => bigint;
  #layouts: Promise<BranchLayout[]> | undefined;
  /**
   * Figures the API serves on every refresh, kept here instead of counted in the store each time: stored
   * observations and dead letters, the oldest kept observation, the sensor sources that reported.
   */
  readonly #counts = {
    observations: 0,
    deadLetters: 0,
    since: undefined as bigint | undefined,
    sources: new Set<string>(),
  };
  /** Stored batches of the last minute (wall clock), for the observations-per-second figure. */
  #recent: { at: bigint; added: number }[] = [];
  readonly #idleNanos: bigint;

  constructor(model: ThreatModel, store: Store, options: ServiceOptions = {}) {
    this.model = model;
    this.store = store;
    this.#clock = options.clock ?? (() => BigInt(Date.now()) * 1_000_000n);
    const clock = this.#clock;
    this.#options = { latestBelievable: () => clock() + MAX_CLOCK_SKEW, ...options };
    this.#idleNanos = BigInt(options.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) * 1_000_000_000n;
    this.#pipeline = new StormPipeline(model, this.#options);
  }

  /**
   * Migrates the store and replays every stored observation through a fresh pipeline; the stored
   * sessions, incidents and sightings the kept observations can rebuild are replaced by the rebuilt
   * ones (session ids follow processing order, which a restart may change).
   */
  async start(): Promise<number> {
    await this.store.migrate();
    this.#pipeline = new StormPipeline(this.model, this.#options);
    let after: string | undefined;
    let count = 0;
    do {
      const page = await this.store.observations({ limit: 1000, ...(after === undefined ? {} : { after }) });
      for (const row of page.rows) {
        this.#pipeline.observe(JSON.parse(row.objects), row.keys, row.cluster);
        this.#counts.sources.add(row.source);
      }
      count += page.rows.length;
      after = page.next;
    } while (after !== undefined);
    const horizon = await this.store.oldestObservationTime();
    if (horizon !== undefined) await this.store.clearDerivedSince(horizon);
    this.#counts.observations = count;
    this.#counts.since = horizon;
    this.#counts.deadLetters = await this.store.deadLetterCount();
    const correlator = this.#pipeline.correlator;
    await persistDerived(
      this.store,
      this.#pipeline,
      correlator.sessions.map((s) => s.id),
      correlator.incidents.map((i) => i.id),
      {},
    );
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
    const dead: DeadLetterRow[] = [];
    for (const item of items) {
      if (!item.ok) dead.push(deadLetterRow(item.deadLetter, this.#clock()));
      else {
        const row = observationRow(item.observation, this.#options.cluster);
        if (row) rows.push(row);
      }
    }
    if (dead.length > 0) {
      const kept = await this.store.putDeadLetters(dead);
      this.#counts.deadLetters += kept;
      if (kept > 0) this.feed.emit('event', { type: 'dead-letters', added: kept } satisfies FeedEvent);
    }
    if (rows.length === 0) return;
    const added = new Set(await this.store.putObservations(rows));
    const events: FeedEvent[] = [];
    for (const row of rows)
      if (added.has(row.id))
        events.push(...this.#pipeline.observe(JSON.parse(row.objects), row.keys, row.cluster));
    if (added.size === 0) return;
    this.#recent.push({ at: this.#clock(), added: added.size });
    this.#counts.observations += added.size;
    for (const row of rows) {
      if (!added.has(row.id)) continue;
      this.#counts.sources.add(row.source);
      if (this.#counts.since === undefined || row.time < this.#counts.since) this.#counts.since = row.time;
    }
    const changed = changedState(events);
    await persistDerived(this.store, this.#pipeline, changed.sessions, changed.incidents, changed.removed);
    events.push({ type: 'observations', added: added.size });
    for (const event of events) this.feed.emit('event', event);
  }

  /** Path figures per branch over a scope (time window, cluster). */
  figures(scope: EvidenceScope = {}): BranchFigures[] {
    return this.#pipeline.figures(scope);
  }

  /** The center's clock: the latest observation time seen. */
  now(): bigint {
    return this.#pipeline.now();
  }

  /** Live actor sessions with their progress, most recently active first (at most `limit`). */
  sessions(limit = 500): SessionView[] {
    const now = this.now();
    return this.#pipeline.correlator.sessions
      .sort((a, b) => (a.last > b.last ? -1 : a.last < b.last ? 1 : a.id.localeCompare(b.id)))
      .slice(0, Math.max(1, limit))
      .map((s) => sessionView(this.#pipeline.correlator, s, now, this.#idleNanos));
  }

  session(id: string): SessionDetail | undefined {
    const session = this.#pipeline.correlator.session(id);
    return session && sessionDetail(this.#pipeline.correlator, session, this.now(), this.#idleNanos);
  }

  /** One STIX `sighting` per indicator that matched, with its count and first/last seen. */
  stixSightings(): StixObject[] {
    return this.#pipeline.sightings.map((s) => stixSighting(s));
  }

  /** An incident as STIX: the incident, indicators, sightings and the observations still kept. */
  async incidentObjects(id: string): Promise<StixObject[] | undefined> {
    const correlator = this.#pipeline.correlator;
    const incident = correlator.incident(id);
    const session = incident && correlator.session(incident.session);
    if (!incident || !session) return undefined;
    const hits = session.timeline.filter((h) => h.branch === incident.branch);
    const observations = new Map<string, StixObject[]>();
    for (const hit of hits) {
      if (observations.has(hit.observation)) continue;
      const row = await this.store.observation(hit.observation);
      if (row) observations.set(hit.observation, JSON.parse(row.objects) as StixObject[]);
    }
    const branch = this.model.branches.find((b) => b.id === incident.branch);
    return [
      ...incidentObjects({
        incident,
        title: `${branch?.goal ?? incident.branch}: ${incident.severity} incident`,
        hits,
        indicators: this.#pipeline.indicators,
        observations,
      }),
      ...this.#pipeline.supportObjects,
    ];
  }

  /** Every branch laid out for the dashboard (computed once: the model does not change while serving). */
  layouts(): Promise<BranchLayout[]> {
    this.#layouts ??= branchLayouts(this.model);
    return this.#layouts;
  }

  /** ATT&CK-style coverage of the model's techniques: witnessed, armed or blind, with the hits as heat. */
  coverage(): TechniqueCoverage[] {
    const hits = new Map<string, number>();
    for (const s of this.#pipeline.sightings) hits.set(s.leaf, (hits.get(s.leaf) ?? 0) + s.count);
    return coverage(this.model, hits, this.#counts.sources);
  }

  /** Observations stored per second over the last minute of wall-clock time. */
  observationRate(): number {
    const since = this.#clock() - 60n * 1_000_000_000n;
    this.#recent = this.#recent.filter((r) => r.at >= since);
    return this.#recent.reduce((sum, r) => sum + r.added, 0) / 60;
  }

  /** The headline figures: what the dashboard's top bar shows, from counters (no store scan). */
  overview() {
    const now = this.now();
    const sessions = this.#pipeline.correlator.sessions;
    return {
      model: this.model.metadata.name,
      // Before the first observation the center has no clock.
      now: now > 0n ? now : null,
      since: this.#counts.since ?? null,
      storm: this.storm(),
      observations: this.#counts.observations,
      observationsPerSecond: Math.round(this.observationRate() * 100) / 100,
      deadLetters: this.#counts.deadLetters,
      sessions: sessions.length,
      activeSessions: sessions.filter((s) => now - s.last <= this.#idleNanos).length,
      incidents: this.#pipeline.correlator.incidents.length,
    };
  }

  /** Stored observations (a counter: the store is not scanned). */
  observationCount(): number {
    return this.#counts.observations;
  }

  /**
   * Deletes raw observations older than `days` before the center's clock (never later than the wall
   * clock: a record dated in the future must not prune the present). Aggregates are kept.
   */
  async prune(days: number): Promise<number> {
    const wall = this.#clock();
    const now = this.now() > 0n && this.now() < wall ? this.now() : wall;
    const removed = await this.store.prune(now - BigInt(Math.round(days * 86_400)) * 1_000_000_000n);
    if (removed > 0) {
      this.#counts.observations -= removed;
      this.#counts.since = await this.store.oldestObservationTime();
    }
    return removed;
  }

  storm() {
    return this.#pipeline.storm();
  }

  /** Live actor sessions, without computing the whole summary. */
  sessionCount(): number {
    return this.#pipeline.correlator.sessions.length;
  }
}
