/** Rows as the databases return them → the Store's typed rows; page sizes from user input. */
import type { SqlRow } from './sql-store.js';
import { type IncidentRow, MAX_PAGE, type ObservationRow } from './types.js';

export const big = (v: unknown): bigint => BigInt(v as string | number | bigint);
export const list = (v: unknown): string[] => JSON.parse(String(v)) as string[];

/** A page size the database accepts: a whole number from 1 to MAX_PAGE (a query's limit is user input). */
export function pageSize(limit: number): number {
  return Number.isFinite(limit) ? Math.max(1, Math.min(MAX_PAGE, Math.trunc(limit))) : 100;
}

export function toIncidentRow(r: SqlRow): IncidentRow {
  return {
    id: String(r['id']),
    session: String(r['session']),
    branch: String(r['branch']),
    severity: String(r['severity']),
    goalReached: Number(r['goal_reached']) === 1,
    fraction: Number(r['fraction']),
    leaves: list(r['leaves']),
    techniques: list(r['techniques']),
    opened: big(r['opened_ns']),
    updated: big(r['updated_ns']),
  };
}

export function toObservationRow(r: SqlRow): ObservationRow {
  return {
    id: String(r['id']),
    time: big(r['time_ns']),
    source: String(r['source']),
    kind: String(r['kind']),
    ...(r['cluster'] === null || r['cluster'] === undefined ? {} : { cluster: String(r['cluster']) }),
    objects: String(r['objects']),
    keys: list(r['actor_keys']),
  };
}
