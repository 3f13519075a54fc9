/**
 * The schema, one list of migrations written in the SQL both PostgreSQL and SQLite accept. Times are
 * BIGINT nanoseconds; JSON lists are TEXT. Each migration runs once, recorded in kstorm_migrations.
 */
export const MIGRATIONS: readonly { readonly version: number; readonly statements: readonly string[] }[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE observations (
        id TEXT PRIMARY KEY,
        time_ns BIGINT NOT NULL,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        cluster TEXT,
        objects TEXT NOT NULL,
        actor_keys TEXT NOT NULL
      )`,
      // The API lists observations by time, optionally by sensor, and pages on (time, id).
      'CREATE INDEX observations_time ON observations (time_ns, id)',
      'CREATE INDEX observations_source_time ON observations (source, time_ns, id)',
      `CREATE TABLE sightings (
        indicator TEXT PRIMARY KEY,
        witness TEXT NOT NULL,
        leaf TEXT NOT NULL,
        count BIGINT NOT NULL,
        first_ns BIGINT NOT NULL,
        last_ns BIGINT NOT NULL
      )`,
      `CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        first_ns BIGINT NOT NULL,
        last_ns BIGINT NOT NULL,
        keys TEXT NOT NULL,
        leaves TEXT NOT NULL
      )`,
      'CREATE INDEX sessions_last ON sessions (last_ns)',
      `CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        session TEXT NOT NULL,
        branch TEXT NOT NULL,
        severity TEXT NOT NULL,
        goal_reached INTEGER NOT NULL,
        fraction DOUBLE PRECISION NOT NULL,
        leaves TEXT NOT NULL,
        techniques TEXT NOT NULL,
        opened_ns BIGINT NOT NULL,
        updated_ns BIGINT NOT NULL
      )`,
      'CREATE INDEX incidents_updated ON incidents (updated_ns)',
    ],
  },
  {
    version: 2,
    statements: [
      // Records the center could not accept, kept so an operator can fix the sender or replay them.
      `CREATE TABLE dead_letters (
        id TEXT PRIMARY KEY,
        time_ns BIGINT NOT NULL,
        source TEXT NOT NULL,
        code TEXT NOT NULL,
        letter TEXT NOT NULL
      )`,
      'CREATE INDEX dead_letters_time ON dead_letters (time_ns, id)',
    ],
  },
];

export const MIGRATIONS_TABLE = 'CREATE TABLE IF NOT EXISTS kstorm_migrations (version INTEGER PRIMARY KEY)';
