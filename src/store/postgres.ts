/** The PostgreSQL store (`--store postgres://…`), through node-postgres with a small pool. */
import pg from 'pg';
import { KstormError } from '../util/index.js';
import { type SqlExecutor, SqlStore, type SqlValue } from './sql-store.js';

/** `?` placeholders become `$1, $2, …` (kstorm's statements never put a `?` inside a string literal). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const toPg = (values: readonly SqlValue[]) => values.map((v) => (typeof v === 'bigint' ? v.toString() : v));

function executorOf(client: pg.Pool | pg.PoolClient, pool: pg.Pool): SqlExecutor {
  const self: SqlExecutor = {
    async run(sql, values = []) {
      return (await client.query(numbered(sql), toPg(values))).rowCount ?? 0;
    },
    async all(sql, values = []) {
      return (await client.query(numbered(sql), toPg(values))).rows as Record<string, unknown>[];
    },
    async transaction(body) {
      const tx = await pool.connect();
      try {
        await tx.query('BEGIN');
        const result = await body(executorOf(tx, pool));
        await tx.query('COMMIT');
        return result;
      } catch (error) {
        await tx.query('ROLLBACK');
        throw error;
      } finally {
        tx.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
  return self;
}

/**
 * Opens the store. `schema` (default `public`, or the URL's `?schema=` parameter) lets several centers
 * or test runs share one database; it is created when missing.
 */
export function openPostgresStore(url: string, schema?: string): SqlStore {
  const parsed = new URL(url);
  const chosen = schema ?? parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  if (chosen !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(chosen))
    throw new KstormError(
      'KSTORM_CONFIG',
      `PostgreSQL schema "${chosen.slice(0, 80)}": use lower-case letters, digits and _ (at most 63).`,
    );
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 4,
    ...(chosen === undefined ? {} : { options: `-c search_path=${chosen}` }),
  });
  const setup = chosen === undefined ? [] : [`CREATE SCHEMA IF NOT EXISTS ${chosen}`];
  return new SqlStore('postgres', executorOf(pool, pool), setup);
}
