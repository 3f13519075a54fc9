/**
 * Storage: one interface, two implementations (embedded SQLite, the default; PostgreSQL), one schema
 * with migrations, idempotent writes keyed by deterministic ids, keyset-paged reads, retention.
 */
export { openPostgresStore } from './postgres.js';
export { MIGRATIONS } from './schema.js';
export { type SqlExecutor, SqlStore } from './sql-store.js';
export { openSqliteStore } from './sqlite.js';
export * from './types.js';
