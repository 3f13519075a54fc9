/**
 * The Store on top of any SQL database that speaks the common dialect kstorm's schema is written in:
 * the statements, row mapping, keyset paging and migrations live here once; sqlite.ts and postgres.ts
 * only say how to run a statement and a transaction.
 */
import { big, list, pageSize, toIncidentRow, toObservationRow } from './rows.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './schema.js';
import {
  type DeadLetterRow,
  decodeCursor,
  encodeCursor,
  type IncidentRow,
  type ObservationPage,
  type ObservationQuery,
  type ObservationRow,
  type SessionRow,
  type SightingRow,
  type Store,
} from './types.js';

export type SqlValue = string | number | bigint | null;
export type SqlRow = Record<string, unknown>;

/** Runs SQL written with `?` placeholders. */
export interface SqlExecutor {
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs `body` in one transaction: committed (durably) when it resolves, rolled back when it throws. */
  transaction<T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class SqlStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly #db: SqlExecutor;

  readonly #setup: readonly string[];

  /** `setup`: statements run before migrating (PostgreSQL: create the schema the store lives in). */
  constructor(kind: 'sqlite' | 'postgres', db: SqlExecutor, setup: readonly string[] = []) {
    this.kind = kind;
    this.#db = db;
    this.#setup = setup;
  }

  async migrate(): Promise<void> {
    for (const statement of this.#setup) await this.#db.run(statement);
    await this.#db.run(MIGRATIONS_TABLE);
    const done = new Set(
      (await this.#db.all('SELECT version FROM kstorm_migrations')).map((r) => Number(r['version'])),
    );
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await this.#db.transaction(async (tx) => {
        for (const statement of migration.statements) await tx.run(statement);
        await tx.run('INSERT INTO kstorm_migrations (version) VALUES (?)', [migration.version]);
      });
    }
  }

  putObservations(rows: readonly ObservationRow[]): Promise<string[]> {
    return this.#db.transaction(async (tx) => {
      const added: string[] = [];
      for (const r of rows) {
        const n = await tx.run(
          'INSERT INTO observations (id, time_ns, source, kind, cluster, objects, actor_keys) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
          [r.id, r.time, r.source, r.kind, r.cluster ?? null, r.objects, JSON.stringify(r.keys)],
        );
        if (n > 0) added.push(r.id);
      }
      return added;
    });
  }

  putDeadLetters(rows: readonly DeadLetterRow[]): Promise<number> {
    return this.#db.transaction(async (tx) => {
      let added = 0;
      for (const r of rows)
        added += await tx.run(
          'INSERT INTO dead_letters (id, time_ns, source, code, letter) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
          [r.id, r.time, r.source, r.code, r.letter],
        );
      return added;
    });
  }

  async deadLetters(limit = 100): Promise<DeadLetterRow[]> {
    const rows = await this.#db.all('SELECT * FROM dead_letters ORDER BY time_ns DESC, id DESC LIMIT ?', [
      pageSize(limit),
    ]);
    return rows.map((r) => ({
      id: String(r['id']),
      time: big(r['time_ns']),
      source: String(r['source']),
      code: String(r['code']),
      letter: String(r['letter']),
    }));
  }

  async deadLetterCount(): Promise<number> {
    const [row] = await this.#db.all('SELECT COUNT(*) AS n FROM dead_letters');
    return Number(row?.['n'] ?? 0);
  }

  async putSightings(rows: readonly SightingRow[]): Promise<void> {
    await this.#db.transaction(async (tx) => {
      for (const r of rows) {
        await tx.run(
          `INSERT INTO sightings (indicator, witness, leaf, count, first_ns, last_ns) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (indicator) DO UPDATE SET count = excluded.count, first_ns = excluded.first_ns, last_ns = excluded.last_ns`,
          [r.indicator, r.witness, r.leaf, r.count, r.first, r.last],
        );
      }
    });
  }

  async putSessions(rows: readonly SessionRow[]): Promise<void> {
    await this.#db.transaction(async (tx) => {
      for (const r of rows) {
        await tx.run(
          `INSERT INTO sessions (id, first_ns, last_ns, keys, leaves) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET first_ns = excluded.first_ns, last_ns = excluded.last_ns, keys = excluded.keys, leaves = excluded.leaves`,
          [r.id, r.first, r.last, JSON.stringify(r.keys), JSON.stringify(r.leaves)],
        );
      }
    });
  }

  async putIncidents(rows: readonly IncidentRow[]): Promise<void> {
    await this.#db.transaction(async (tx) => {
      for (const r of rows) {
        await tx.run(
          `INSERT INTO incidents (id, session, branch, severity, goal_reached, fraction, leaves, techniques, opened_ns, updated_ns)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, goal_reached = excluded.goal_reached,
             fraction = excluded.fraction, leaves = excluded.leaves, techniques = excluded.techniques, updated_ns = excluded.updated_ns`,
          [
            r.id,
            r.session,
            r.branch,
            r.severity,
            r.goalReached ? 1 : 0,
            r.fraction,
            JSON.stringify(r.leaves),
            JSON.stringify(r.techniques),
            r.opened,
            r.updated,
          ],
        );
      }
    });
  }

  async observations(query: ObservationQuery = {}): Promise<ObservationPage> {
    const limit = pageSize(query.limit ?? 100);
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.source !== undefined) {
      where.push('source = ?');
      params.push(query.source);
    }
    if (query.since !== undefined) {
      where.push('time_ns >= ?');
      params.push(query.since);
    }
    if (query.until !== undefined) {
      where.push('time_ns < ?');
      params.push(query.until);
    }
    const cursor = query.after === undefined ? undefined : decodeCursor(query.after);
    if (cursor) {
      where.push('(time_ns > ? OR (time_ns = ? AND id > ?))');
      params.push(cursor.time, cursor.time, cursor.id);
    }
    const sql = `SELECT id, time_ns, source, kind, cluster, objects, actor_keys FROM observations${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY time_ns, id LIMIT ?`;
    const found = await this.#db.all(sql, [...params, limit + 1]);
    const rows = found.slice(0, limit).map(toObservationRow);
    const last = rows.at(-1);
    return found.length > limit && last ? { rows, next: encodeCursor(last.time, last.id) } : { rows };
  }

  async observation(id: string): Promise<ObservationRow | undefined> {
    const [row] = await this.#db.all(
      'SELECT id, time_ns, source, kind, cluster, objects, actor_keys FROM observations WHERE id = ?',
      [id],
    );
    return row === undefined ? undefined : toObservationRow(row);
  }

  async oldestObservationTime(): Promise<bigint | undefined> {
    const [row] = await this.#db.all('SELECT MIN(time_ns) AS t FROM observations');
    return row?.['t'] === null || row?.['t'] === undefined ? undefined : big(row['t']);
  }

  async removeDerived(ids: { sessions?: readonly string[]; incidents?: readonly string[] }): Promise<void> {
    await this.#db.transaction(async (tx) => {
      for (const id of ids.sessions ?? []) await tx.run('DELETE FROM sessions WHERE id = ?', [id]);
      for (const id of ids.incidents ?? []) await tx.run('DELETE FROM incidents WHERE id = ?', [id]);
    });
  }

  async clearDerivedSince(horizon: bigint): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.run('DELETE FROM sessions WHERE first_ns >= ?', [horizon]);
      await tx.run('DELETE FROM incidents WHERE opened_ns >= ?', [horizon]);
      await tx.run('DELETE FROM sightings WHERE first_ns >= ?', [horizon]);
    });
  }

  async observationCount(): Promise<number> {
    const [row] = await this.#db.all('SELECT COUNT(*) AS n FROM observations');
    return Number(row?.['n'] ?? 0);
  }

  async sightings(): Promise<SightingRow[]> {
    return (await this.#db.all('SELECT * FROM sightings ORDER BY indicator')).map((r) => ({
      indicator: String(r['indicator']),
      witness: String(r['witness']),
      leaf: String(r['leaf']),
      count: Number(r['count']),
      first: big(r['first_ns']),
      last: big(r['last_ns']),
    }));
  }

  async sessions(): Promise<SessionRow[]> {
    return (await this.#db.all('SELECT * FROM sessions ORDER BY first_ns, id')).map((r) => ({
      id: String(r['id']),
      first: big(r['first_ns']),
      last: big(r['last_ns']),
      keys: list(r['keys']),
      leaves: list(r['leaves']),
    }));
  }

  async incidents(limit?: number): Promise<IncidentRow[]> {
    const rows =
      limit === undefined
        ? await this.#db.all('SELECT * FROM incidents ORDER BY opened_ns, id')
        : (
            await this.#db.all('SELECT * FROM incidents ORDER BY opened_ns DESC, id DESC LIMIT ?', [
              Math.max(1, Math.trunc(limit)),
            ])
          ).reverse();
    return rows.map(toIncidentRow);
  }

  async incident(id: string): Promise<IncidentRow | undefined> {
    const [row] = await this.#db.all('SELECT * FROM incidents WHERE id = ?', [id]);
    return row === undefined ? undefined : toIncidentRow(row);
  }

  prune(before: bigint): Promise<number> {
    return this.#db.run('DELETE FROM observations WHERE time_ns < ?', [before]);
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}
