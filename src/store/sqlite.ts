/**
 * The embedded store: one SQLite file (better-sqlite3) in WAL mode with synchronous=FULL, so a committed
 * transaction survives a crash of the process or the machine.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type SqlExecutor, SqlStore, type SqlValue } from './sql-store.js';

export function openSqliteStore(file: string): SqlStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.defaultSafeIntegers(true);
  const params = (values: readonly SqlValue[]) => [...values];
  // Transactions must not interleave on the one connection: each waits for the one before it.
  let queue: Promise<unknown> = Promise.resolve();
  const executor: SqlExecutor = {
    async run(sql, values = []) {
      return Number(db.prepare(sql).run(...params(values)).changes);
    },
    async all(sql, values = []) {
      return db.prepare(sql).all(...params(values)) as Record<string, unknown>[];
    },
    transaction(body) {
      const run = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await body(executor);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      db.close();
    },
  };
  return new SqlStore('sqlite', executor);
}
