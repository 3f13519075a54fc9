import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { storeSuite } from './store.suite.js';

const dir = await mkdtemp(join(tmpdir(), 'kstorm-sqlite-'));
let n = 0;
afterAll(() => rm(dir, { recursive: true, force: true }));

storeSuite('SQLite', async () => openSqliteStore(join(dir, `store-${++n}`, 'kstorm.db')));
