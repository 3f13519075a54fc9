// Runs against the PostgreSQL server this machine runs (KSTORM_TEST_POSTGRES, default
// postgres://postgres@127.0.0.1:5432/test), each test in a schema of its own that is dropped afterwards.

import pg from 'pg';
import { afterAll } from 'vitest';
import { openPostgresStore } from '../../src/store/index.js';
import { storeSuite } from './store.suite.js';

const URL = process.env['KSTORM_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const run = `${process.pid}_${Date.now().toString(36)}`;
const schemas: string[] = [];

afterAll(async () => {
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

storeSuite('PostgreSQL', async () => {
  const schema = `kstorm_test_${run}_${schemas.length}`;
  schemas.push(schema);
  return openPostgresStore(URL, schema);
});
