/**
 * The storm center's pipeline in memory: sensor records → observations (Ingestor) → indicator matches
 * (the streaming engine, indicators compiled from the threat model) → witness hits → actor sessions,
 * tree progress and incidents (Correlator). `kstorm replay` drives it; the service will add the store.
 */
import { actorKeys, type CorrelationEvent, Correlator, type CorrelatorOptions } from '../correlate/index.js';
import { compileIndicators, type MatchSession } from '../match/index.js';
import { type IngestItem, Ingestor, type SourceChoice } from '../normalise/index.js';
import { toMatchObservation } from '../pattern/index.js';
import {
  type EdgeEstimate,
  type EvidenceScope,
  estimateBranches,
  evidenceIn,
  type StormAssessment,
  stormLevel,
} from '../quantify/index.js';
import type { StixObject } from '../stix/index.js';
import { compileToStix, defaultCatalogue, leavesOf, type ThreatModel } from '../threatmodel/index.js';

interface WitnessRef {
  readonly witness: string;
  readonly leaf: string;
  readonly branch: string;
}

export interface SightingCount {
  readonly indicator: string;
  readonly witness: string;
  readonly leaf: string;
  count: number;
  first: bigint;
  last: bigint;
  /** The first observations that matched (bounded: a STIX sighting lists examples, not all). */
  readonly refs: string[];
}

/** How many observed-data refs a sighting keeps. */
const MAX_SIGHTING_REFS = 50;

export interface PipelineOptions extends CorrelatorOptions {
  readonly cluster?: string;
  readonly source?: SourceChoice;
  /**
   * The latest believable observation time (ns), e.g. the wall clock plus some skew: event times are
   * attacker-controlled, and one record dated 2099 must not move the center's clock (and so its time
   * windows and storm level) into the future. Unbounded when absent (replays of old captures).
   */
  readonly latestBelievable?: () => bigint;
}

export interface PipelineSummary {
  readonly observations: number;
  readonly rejected: number;
  readonly sightings: { indicator: string; witness: string; leaf: string; count: number }[];
  readonly sessions: number;
  readonly incidents: {
    id: string;
    branch: string;
    leaves: string[];
    severity: string;
    goalReached: boolean;
  }[];
  /** The storm level at the latest observation time the replay reached. */
  readonly storm: StormAssessment;
  readonly paths: BranchPaths[];
}

/**
 * Per branch: sessions that entered it (witnessed any leaf), reached its goal, per leaf, the leaf
 * sequences walked (most travelled first), and the estimated P(goal) for an actor who enters.
 */
export interface BranchPaths {
  readonly branch: string;
  readonly entered: number;
  readonly goal: number;
  readonly leaves: Record<string, number>;
  readonly walked: { leaves: readonly string[]; sessions: number }[];
  readonly goalProbability: number;
}

/** The same with every edge's counts, step times and posterior, as the API serves it. */
export interface BranchFigures extends BranchPaths {
  readonly edges: readonly EdgeEstimate[];
}

/** Compiled models are fixed in time so replays of the same capture give the same ids. */
const COMPILED_AT = '2026-01-01T00:00:00.000Z';

export class StormPipeline {
  readonly #ingestor: Ingestor;
  readonly #session: MatchSession;
  readonly #correlator: Correlator;
  readonly #witnessOf = new Map<string, WitnessRef>();
  readonly #sightings = new Map<string, SightingCount>();
  readonly #changedSightings = new Set<SightingCount>();
  readonly #model: ThreatModel;
  /** The operator's name for the cluster, for records whose sensor does not name one. */
  readonly #cluster: string | undefined;
  readonly #latestBelievable: (() => bigint) | undefined;
  #clock = 0n;
  /** The compiled model: indicators by id, and what they need beside them in a bundle. */
  readonly indicators = new Map<string, StixObject>();
  readonly supportObjects: readonly StixObject[];

  constructor(model: ThreatModel, options: PipelineOptions = {}) {
    this.#model = model;
    this.#cluster = options.cluster;
    this.#latestBelievable = options.latestBelievable;
    const objects = compileToStix(model, { now: COMPILED_AT, catalogue: defaultCatalogue });
    const branchOf = new Map([...leavesOf(model)].map(({ branch, leaf }) => [leaf.id, branch.id]));
    const indicators = objects.filter((o) => o.type === 'indicator');
    for (const indicator of indicators) this.indicators.set(indicator.id, indicator);
    this.supportObjects = objects.filter((o) => o.type === 'extension-definition' || o.type === 'identity');
    for (const indicator of indicators) {
      const ext = Object.values(
        (indicator as { extensions?: Record<string, Record<string, unknown>> }).extensions ?? {},
      )[0];
      const leaf = String(ext?.['node_id'] ?? '');
      this.#witnessOf.set(indicator.id, {
        witness: String(ext?.['witness_id'] ?? ''),
        leaf,
        branch: branchOf.get(leaf) ?? '',
      });
    }
    this.#session = compileIndicators(indicators).session();
    this.#ingestor = new Ingestor({
      rawArtifacts: false,
      ...(options.cluster === undefined ? {} : { cluster: options.cluster }),
      ...(options.source === undefined ? {} : { source: options.source }),
    });
    this.#correlator = new Correlator(model, options);
  }

  /** One sensor record (its JSON text). */
  record(text: string, location?: string): IngestItem[] {
    const items = this.#ingestor.record(text, location);
    for (const item of items)
      if (item.ok)
        this.observe(
          item.observation.objects,
          actorKeys(item.observation.event),
          item.observation.event.cluster ?? this.#cluster,
        );
    return items;
  }

  /** The center's clock: the latest believable observation time seen (0 before any). */
  now(): bigint {
    return this.#clock;
  }

  /** The storm level at the center's clock. */
  storm(): StormAssessment {
    const sessions = this.#correlator.sessions;
    return stormLevel({
      now: this.now(),
      incidents: this.#correlator.incidents,
      sessionsLastSeen: sessions.map((x) => x.last),
    });
  }

  /** Path figures for every branch, over the steps taken inside the scope (time window, cluster). */
  figures(scope: EvidenceScope = {}): BranchFigures[] {
    const estimates = estimateBranches(this.#model, evidenceIn(this.#correlator.sessions, scope));
    return estimates.map((e) => {
      const leaves: Record<string, number> = {};
      for (const walk of e.paths)
        for (const leaf of walk.leaves) leaves[leaf] = (leaves[leaf] ?? 0) + walk.sessions;
      return {
        branch: e.branch,
        entered: e.entered,
        goal: e.reachedGoal,
        leaves,
        walked: e.paths.map((p) => ({ leaves: p.leaves, sessions: p.sessions })),
        goalProbability: Math.round(e.goalProbability * 1e6) / 1e6,
        edges: e.edges,
      };
    });
  }

  /** Sightings that changed since the last call (the service stores only those). */
  takeChangedSightings(): SightingCount[] {
    const changed = [...this.#changedSightings];
    this.#changedSightings.clear();
    return changed;
  }

  /** Sightings so far, one per indicator that matched. */
  get sightings(): readonly SightingCount[] {
    return [...this.#sightings.values()];
  }

  /** A record the reader could not even cut out (too long, bad UTF-8): counted as rejected. */
  unreadable(...args: Parameters<Ingestor['unreadable']>): IngestItem {
    return this.#ingestor.unreadable(...args);
  }

  get correlator(): Correlator {
    return this.#correlator;
  }

  summary(): PipelineSummary {
    const stats = this.#ingestor.stats();
    const sessions = this.#correlator.sessions;
    const paths: BranchPaths[] = this.figures().map(({ edges: _edges, ...rest }) => rest);
    const storm = this.storm();
    return {
      observations: stats.accepted,
      rejected: stats.rejected,
      sightings: [...this.#sightings.values()]
        .map(({ indicator, witness, leaf, count }) => ({ indicator, witness, leaf, count }))
        .sort((a, b) => b.count - a.count || a.witness.localeCompare(b.witness)),
      sessions: sessions.length,
      incidents: this.#correlator.incidents.map((i) => ({
        id: i.id,
        branch: i.branch,
        leaves: [...i.leaves],
        severity: i.severity,
        goalReached: i.goalReached,
      })),
      storm,
      paths: paths.filter((p) => p.entered > 0),
    };
  }

  /**
   * One observation's STIX objects and its actor keys (from an item, or from the store on restart);
   * returns what the correlator made of it (sessions opened or joined, incidents opened or updated).
   */
  observe(
    objects: readonly { id: string; type: string }[],
    keys: readonly string[],
    cluster?: string,
  ): CorrelationEvent[] {
    const events: CorrelationEvent[] = [];
    const byId = new Map(objects.map((o) => [o.id, o as unknown as Record<string, unknown>]));
    const observed = objects.find((o) => o.type === 'observed-data');
    if (!observed) return events;
    const observation = toMatchObservation(observed as unknown as Record<string, unknown>, byId, '2.1');
    if (!observation) return events;
    const seenAt = observation.last.epochNanos;
    if (seenAt > this.#clock && (this.#latestBelievable === undefined || seenAt <= this.#latestBelievable()))
      this.#clock = seenAt;
    for (const match of this.#session.push(observation)) {
      const ref = this.#witnessOf.get(match.indicator);
      if (!ref) continue;
      const time = match.first.epochNanos;
      let seen = this.#sightings.get(match.indicator);
      if (seen) {
        seen.count += 1;
        if (time < seen.first) seen.first = time;
        if (time > seen.last) seen.last = time;
      } else {
        seen = { indicator: match.indicator, ...ref, count: 1, first: time, last: time, refs: [] };
        this.#sightings.set(match.indicator, seen);
      }
      if (seen.refs.length < MAX_SIGHTING_REFS && !seen.refs.includes(observation.id))
        seen.refs.push(observation.id);
      this.#changedSightings.add(seen);
      events.push(
        ...this.#correlator.push({
          indicator: match.indicator,
          ...ref,
          time,
          observation: observation.id,
          keys,
          ...(cluster === undefined ? {} : { cluster }),
        }),
      );
    }
    return events;
  }
}
