/** The PostgreSQL store (`--store postgres://…`), through node-postgres with a small pool. */
import pg from 'pg';
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

/** Opens the store; `schema` (default `public`) lets several centers or test runs share one database. */
export function openPostgresStore(url: string, schema?: string): SqlStore {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  if (schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    pool.on('connect', (client) => {
      void client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    });
  }
  return new SqlStore('postgres', executorOf(pool, pool));
}
