/**
 * What the storm center keeps, and the interface both stores (embedded SQLite, PostgreSQL) implement.
 * Times are nanoseconds since the epoch (bigint), ids are the deterministic STIX / correlation ids, so
 * writing the same thing twice changes nothing: re-delivery is idempotent.
 */
export interface ObservationRow {
  /** The observed-data id (deterministic from the record). */
  readonly id: string;
  readonly time: bigint;
  readonly source: string;
  readonly kind: string;
  readonly cluster?: string;
  /** The STIX objects of the observation, as JSON text. */
  readonly objects: string;
  /** The actor keys read from the event, kept so correlation can be rebuilt from the store. */
  readonly keys: readonly string[];
}

export interface DeadLetterRow {
  /** Digest of the record and why it was refused: the same bad record sent twice is kept once. */
  readonly id: string;
  /** When the center refused it. */
  readonly time: bigint;
  readonly source: string;
  readonly code: string;
  /** The dead letter (normalise's DeadLetter) as JSON text. */
  readonly letter: string;
}

export interface SightingRow {
  readonly indicator: string;
  readonly witness: string;
  readonly leaf: string;
  /** Absolute count so far (not an increment), so rewriting it is idempotent. */
  readonly count: number;
  readonly first: bigint;
  readonly last: bigint;
}

export interface SessionRow {
  readonly id: string;
  readonly first: bigint;
  readonly last: bigint;
  readonly keys: readonly string[];
  readonly leaves: readonly string[];
}

export interface IncidentRow {
  readonly id: string;
  readonly session: string;
  readonly branch: string;
  readonly severity: string;
  readonly goalReached: boolean;
  readonly fraction: number;
  readonly leaves: readonly string[];
  readonly techniques: readonly string[];
  readonly opened: bigint;
  readonly updated: bigint;
}

export interface ObservationQuery {
  readonly source?: string;
  /** Inclusive lower and exclusive upper bound on observation time. */
  readonly since?: bigint;
  readonly until?: bigint;
  readonly limit?: number;
  /** The `next` cursor of the previous page. */
  readonly after?: string;
}

export interface ObservationPage {
  readonly rows: ObservationRow[];
  /** Pass as `after` for the next page; absent on the last page. */
  readonly next?: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema; safe to run on every start. */
  migrate(): Promise<void>;
  /** Inserts observations, ignoring ids already stored; resolves once committed. Returns the ids that were new. */
  putObservations(rows: readonly ObservationRow[]): Promise<string[]>;
  putSightings(rows: readonly SightingRow[]): Promise<void>;
  /** Keeps refused records (ignoring ones already kept); resolves to how many were new. */
  putDeadLetters(rows: readonly DeadLetterRow[]): Promise<number>;
  /** The newest dead letters first. */
  deadLetters(limit?: number): Promise<DeadLetterRow[]>;
  deadLetterCount(): Promise<number>;
  putSessions(rows: readonly SessionRow[]): Promise<void>;
  putIncidents(rows: readonly IncidentRow[]): Promise<void>;
  observations(query?: ObservationQuery): Promise<ObservationPage>;
  observation(id: string): Promise<ObservationRow | undefined>;
  observationCount(): Promise<number>;
  /** The earliest observation time still kept (retention deletes older ones), if any. */
  oldestObservationTime(): Promise<bigint | undefined>;
  /** Deletes sessions and incidents the correlation no longer has (merged into another session). */
  removeDerived(ids: { sessions?: readonly string[]; incidents?: readonly string[] }): Promise<void>;
  /**
   * Deletes sessions, incidents and sightings that began at or after `horizon`: everything the kept
   * observations can rebuild. Older ones (their observations are gone) are kept as they were.
   */
  clearDerivedSince(horizon: bigint): Promise<void>;
  sightings(): Promise<SightingRow[]>;
  sessions(): Promise<SessionRow[]>;
  /** Incidents by opening time; with `limit`, the most recently opened ones (still oldest first). */
  incidents(limit?: number): Promise<IncidentRow[]>;
  incident(id: string): Promise<IncidentRow | undefined>;
  /** Deletes raw observations older than `before`; aggregates (sightings, sessions, incidents) are kept. */
  prune(before: bigint): Promise<number>;
  close(): Promise<void>;
}

export const MAX_PAGE = 1000;

/** Keyset cursor over (time, id): stable under concurrent inserts, unlike OFFSET. */
export function encodeCursor(time: bigint, id: string): string {
  return Buffer.from(JSON.stringify([time.toString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { time: bigint; id: string } | undefined {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof time !== 'string' || typeof id !== 'string' || !/^-?\d{1,20}$/.test(time)) return undefined;
    return { time: BigInt(time), id };
  } catch {
    return undefined;
  }
}
