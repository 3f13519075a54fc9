/** The one test suite both stores must pass (sqlite.test.ts, postgres.test.ts). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentRow, ObservationRow, Store } from '../../src/store/index.js';

const S = 1_000_000_000n;
const observation = (i: number, source = 'tetragon'): ObservationRow => ({
  id: `observed-data--00000000-0000-5000-8000-${String(i).padStart(12, '0')}`,
  time: 1_773_480_000n * S + BigInt(i) * S,
  source,
  kind: 'process_exec',
  cluster: 'test',
  objects: JSON.stringify([{ type: 'observed-data', n: i }]),
  keys: [`ip:10.0.0.${i}`],
});

export function storeSuite(name: string, open: () => Promise<Store>): void {
  describe(`${name} store`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.migrate();
    });
    afterEach(async () => store.close());

    it('migrates idempotently', async () => {
      await store.migrate();
      expect(await store.observationCount()).toBe(0);
    });

    it('stores observations once: re-delivery adds nothing', async () => {
      const rows = [1, 2, 3].map((i) => observation(i));
      expect(await store.putObservations(rows)).toEqual(rows.map((r) => r.id));
      expect(await store.putObservations([...rows, observation(4)])).toEqual([observation(4).id]);
      expect(await store.observationCount()).toBe(4);
      const [first] = (await store.observations({ limit: 1 })).rows;
      expect(first).toEqual(observation(1));
    });

    it('pages by time and id with a cursor, and filters by sensor and time', async () => {
      await store.putObservations(
        Array.from({ length: 25 }, (_, i) => observation(i, i % 2 === 0 ? 'tetragon' : 'k8s-audit')),
      );
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await store.observations({ limit: 10, ...(after === undefined ? {} : { after }) });
        seen.push(...page.rows.map((r) => r.id));
        after = page.next;
      } while (after !== undefined);
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => observation(i).id));
      const audit = await store.observations({
        source: 'k8s-audit',
        since: observation(10).time,
        until: observation(20).time,
      });
      expect(audit.rows.map((r) => r.id)).toEqual([11, 13, 15, 17, 19].map((i) => observation(i).id));
      // A limit is user input: fractions and nonsense still give a page.
      expect((await store.observations({ limit: 1.5 })).rows).toHaveLength(1);
      expect((await store.observations({ limit: Number.NaN })).rows).toHaveLength(25);
      expect(await store.observations({ after: 'not-a-cursor', limit: 2 })).toMatchObject({
        rows: [{ id: observation(0).id }, {}],
      });
    });

    it('upserts sightings, sessions and incidents by id', async () => {
      await store.putSightings([
        { indicator: 'indicator--a', witness: 'w/1', leaf: 'w', count: 1, first: 5n, last: 5n },
      ]);
      await store.putSightings([
        { indicator: 'indicator--a', witness: 'w/1', leaf: 'w', count: 3, first: 5n, last: 9n },
      ]);
      expect(await store.sightings()).toEqual([
        { indicator: 'indicator--a', witness: 'w/1', leaf: 'w', count: 3, first: 5n, last: 9n },
      ]);
      await store.putSessions([
        { id: 'session-1', first: 1n, last: 2n, keys: ['ip:1.1.1.1'], leaves: ['a'] },
      ]);
      await store.putSessions([
        { id: 'session-1', first: 1n, last: 3n, keys: ['ip:1.1.1.1', 'pod:x/y'], leaves: ['a', 'b'] },
      ]);
      expect(await store.sessions()).toEqual([
        { id: 'session-1', first: 1n, last: 3n, keys: ['ip:1.1.1.1', 'pod:x/y'], leaves: ['a', 'b'] },
      ]);
      const incident: IncidentRow = {
        id: 'incident-session-1-b',
        session: 'session-1',
        branch: 'b',
        severity: 'medium',
        goalReached: false,
        fraction: 0.5,
        leaves: ['a'],
        techniques: ['T1611'],
        opened: 10n,
        updated: 10n,
      };
      await store.putIncidents([incident]);
      await store.putIncidents([
        {
          ...incident,
          severity: 'critical',
          goalReached: true,
          fraction: 1,
          leaves: ['a', 'b'],
          updated: 20n,
        },
      ]);
      expect(await store.incidents()).toEqual([
        {
          ...incident,
          severity: 'critical',
          goalReached: true,
          fraction: 1,
          leaves: ['a', 'b'],
          updated: 20n,
        },
      ]);
    });

    it('prunes raw observations by age and keeps the aggregates', async () => {
      await store.putObservations([1, 2, 3, 4].map((i) => observation(i)));
      await store.putSightings([
        { indicator: 'indicator--a', witness: 'w/1', leaf: 'w', count: 1, first: 5n, last: 5n },
      ]);
      expect(await store.prune(observation(3).time)).toBe(2);
      expect((await store.observations()).rows.map((r) => r.id)).toEqual([
        observation(3).id,
        observation(4).id,
      ]);
      expect(await store.sightings()).toHaveLength(1);
    });

    it('reads one observation by id and tells the oldest time kept', async () => {
      expect(await store.oldestObservationTime()).toBeUndefined();
      await store.putObservations([3, 1, 2].map((i) => observation(i)));
      expect(await store.observation(observation(2).id)).toEqual(observation(2));
      expect(await store.observation('observed-data--missing')).toBeUndefined();
      expect(await store.oldestObservationTime()).toBe(observation(1).time);
    });

    it('removes merged-away sessions and incidents, and clears what a rebuild replaces', async () => {
      const session = (id: string, first: bigint) => ({ id, first, last: first, keys: [], leaves: [] });
      await store.putSessions([session('s-1', 1n), session('s-2', 5n), session('s-3', 9n)]);
      const incident = (id: string, opened: bigint): IncidentRow => ({
        id,
        session: 's-1',
        branch: 'b',
        severity: 'medium',
        goalReached: false,
        fraction: 0.5,
        leaves: [],
        techniques: [],
        opened,
        updated: opened,
      });
      await store.putIncidents([incident('i-1', 1n), incident('i-2', 6n), incident('i-3', 9n)]);
      expect((await store.incidents(2)).map((i) => i.id)).toEqual(['i-2', 'i-3']);
      expect((await store.incident('i-2'))?.opened).toBe(6n);
      expect(await store.incident('i-9')).toBeUndefined();
      await store.removeDerived({ sessions: ['s-2'], incidents: ['i-2'] });
      expect((await store.sessions()).map((s) => s.id)).toEqual(['s-1', 's-3']);
      expect((await store.incidents()).map((i) => i.id)).toEqual(['i-1', 'i-3']);
      await store.putSightings([
        { indicator: 'indicator--a', witness: 'w/1', leaf: 'w', count: 1, first: 2n, last: 9n },
        { indicator: 'indicator--b', witness: 'w/2', leaf: 'w', count: 1, first: 8n, last: 9n },
      ]);
      await store.clearDerivedSince(5n);
      expect((await store.sessions()).map((s) => s.id)).toEqual(['s-1']);
      expect((await store.incidents()).map((i) => i.id)).toEqual(['i-1']);
      expect((await store.sightings()).map((s) => s.indicator)).toEqual(['indicator--a']);
    });

    it('keeps each dead letter once, newest first', async () => {
      const letter = (id: string, time: bigint) => ({
        id,
        time,
        source: 'falco',
        code: 'KSTORM_FALCO_FIELD',
        letter: JSON.stringify({ raw: `<img src=x onerror=alert(${id})>` }),
      });
      expect(await store.putDeadLetters([letter('a', 1n), letter('b', 2n)])).toBe(2);
      expect(await store.putDeadLetters([letter('a', 1n)])).toBe(0);
      expect(await store.deadLetterCount()).toBe(2);
      expect(await store.deadLetters(1)).toEqual([letter('b', 2n)]);
    });

    it('keeps nothing of a transaction that failed', async () => {
      const bad = { ...observation(2), source: null as unknown as string };
      await expect(store.putObservations([observation(1), bad])).rejects.toThrow();
      expect(await store.observationCount()).toBe(0);
    });
  });
}
