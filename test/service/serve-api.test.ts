/**
 * The read API's live figures over real HTTP: branch statistics by time window and cluster, live actor
 * sessions with their progress and timeline, and the STIX the center speaks (aggregated sightings, an
 * incident's bundle), both strictly valid.
 */
import { describe, expect, it } from 'vitest';
import { createValidator } from '../../src/stix/index.js';
import type { Session, SessionDetail, Figures as WebFigures } from '../../web/src/types.js';
import { apiAs, freshStore, lines, post, serve } from './serve-harness.js';

/** The API's shapes as the dashboard reads them; this test reads the same. */
interface Figures extends WebFigures {
  scope: { since?: string; until?: string; cluster?: string };
}
interface Bundle {
  type: string;
  objects: {
    type: string;
    id: string;
    count?: number;
    sighting_of_ref?: string;
    observed_data_refs?: string[];
  }[];
}

const entered = (f: Figures) => Object.fromEntries(f.branches.map((b) => [b.branch, [b.entered, b.goal]]));

describe('kstorm serve read API', () => {
  it('serves branch figures by window and cluster, sessions with progress, and valid STIX', async () => {
    const { data } = await freshStore('sqlite');
    const { url, child, logs } = await serve(data, ['--cluster', 'honeycluster-a']);
    for (const line of await lines()) expect((await post(url, line)).status).toBe(200);

    const all = (await apiAs<Figures>(url, '/api/v1/branches')).body;
    expect(all.now).toBe('2026-03-14T09:07:10.000000000Z');
    expect(entered(all)).toMatchObject({ 'ssh-to-node-logs': [1, 1], cryptomining: [1, 1] });
    const ssh = all.branches.find((b) => b.branch === 'ssh-to-node-logs');
    const sandSteps = ssh?.edges
      .filter((e) => e.medianStepSeconds !== undefined)
      .map((e) => e.medianStepSeconds);
    // weak-ssh-login 09:01:40 → hostPath PV 09:02:40 → symlink 09:03:40 → log read 09:04:40, one minute each.
    expect(sandSteps).toEqual([60, 60, 60]);
    for (const edge of ssh?.edges ?? []) {
      expect(edge.interval[0]).toBeLessThanOrEqual(edge.probability);
      expect(edge.interval[1]).toBeGreaterThanOrEqual(edge.probability);
    }

    // Only the steps before 09:03: the SSH actor had logged in and created the PV; the miner had not started.
    const early = (await apiAs<Figures>(url, '/api/v1/branches?until=2026-03-14T09:03:00Z')).body;
    expect(entered(early)).toMatchObject({ 'ssh-to-node-logs': [1, 0], cryptomining: [0, 0] });
    expect(early.branches.find((b) => b.branch === 'ssh-to-node-logs')?.leaves).toEqual({
      'weak-ssh-login': 1,
      'sa-creates-hostpath-pv': 1,
    });
    // The last hour ends at the center's clock, so it holds the whole capture.
    expect(entered((await apiAs<Figures>(url, '/api/v1/branches?window=hour')).body)).toEqual(entered(all));
    expect(entered((await apiAs<Figures>(url, '/api/v1/branches?cluster=honeycluster-a')).body)).toEqual(
      entered(all),
    );
    const elsewhere = (await apiAs<Figures>(url, '/api/v1/branches?cluster=elsewhere')).body;
    expect(elsewhere.branches.every((b) => b.entered === 0)).toBe(true);
    expect((await apiAs(url, '/api/v1/branches?window=fortnight')).status).toBe(400);
    expect((await apiAs(url, '/api/v1/branches?since=yesterday')).status).toBe(400);

    const sessions = (await apiAs<Session[]>(url, '/api/v1/sessions')).body;
    expect(sessions.map((s) => [s.active, s.clusters])).toEqual([
      [true, ['honeycluster-a']],
      [true, ['honeycluster-a']],
    ]);
    const sshActor = sessions.find((s) => s.leaves.includes('weak-ssh-login'));
    const detail = (await apiAs<SessionDetail>(url, `/api/v1/sessions/${sshActor?.id}`)).body;
    // In observation-time order, although the PV and symlink records arrived the other way round.
    expect(detail.timeline?.map((h) => h.leaf)).toEqual([
      'weak-ssh-login',
      'sa-creates-hostpath-pv',
      'ce-var-log-symlink',
      'kubectl-logs-leak',
    ]);
    expect(detail.branches).toMatchObject([{ branch: 'ssh-to-node-logs', fraction: 1, done: true }]);
    expect(detail.branches[0]?.nodes.find((n) => n.id === 'ssh-to-node-logs')?.done).toBe(true);
    expect((await apiAs(url, '/api/v1/sessions/session-999')).status).toBe(404);
    const observation = await apiAs<{ id: string; source: string }>(
      url,
      `/api/v1/observations/${detail.timeline?.[0]?.observation}`,
    );
    expect(observation.body.id).toBe(detail.timeline?.[0]?.observation);

    const validator = createValidator({ strict: true });
    const errors = (b: Bundle) => validator.validateAll([b]).filter((i) => i.severity === 'error');
    const sightings = (await apiAs<Bundle>(url, '/api/v1/sightings?format=stix')).body;
    expect(errors(sightings)).toEqual([]);
    expect(sightings.objects.map((o) => [o.type, o.count, o.observed_data_refs?.length])).toEqual(
      Array.from({ length: 6 }, () => ['sighting', 1, 1]),
    );

    const [incident] = (await apiAs<{ id: string; branch: string }[]>(url, '/api/v1/incidents')).body;
    const stix = (await apiAs<Bundle>(url, `/api/v1/incidents/${incident?.id}/stix`)).body;
    expect(errors(stix)).toEqual([]);
    const count = (type: string) => stix.objects.filter((o) => o.type === type).length;
    expect([count('incident'), count('indicator'), count('sighting'), count('observed-data')]).toEqual([
      1, 4, 4, 4,
    ]);
    expect((await apiAs(url, '/api/v1/incidents/incident-nope/stix')).status).toBe(404);

    // A record dated 2099 is an observation like any other, but it does not move the center's clock.
    const [last] = (await lines()).slice(-1);
    const future = (last ?? '')
      .replaceAll('2026-03-14T09:07:10', '2099-01-01T00:00:00')
      .replace('bWluZXIteG1yaWcK', 'ZnV0dXJlCg==');
    expect((await post(url, future)).status).toBe(200);
    expect((await apiAs<Figures>(url, '/api/v1/branches')).body.now).toBe('2026-03-14T09:07:10.000000000Z');

    // A record no sensor format recognises is refused, kept as a dead letter and counted.
    expect((await post(url, '{"cmd":"<img src=x onerror=alert(1)>"}')).status).toBe(200);
    const dead = (
      await apiAs<{ total: number; deadLetters: { code: string; raw: string }[] }>(
        url,
        '/api/v1/dead-letters',
      )
    ).body;
    expect(dead.total).toBe(1);
    expect(dead.deadLetters[0]?.raw).toBe('{"cmd":"<img src=x onerror=alert(1)>"}');
    const overview = (await apiAs<Record<string, unknown>>(url, '/api/v1/overview')).body;
    // The 2099 miner is a session of its own (73 years idle after the first miner).
    expect(overview).toMatchObject({
      observations: 19,
      deadLetters: 1,
      sessions: 3,
      incidents: 2,
    });
    expect(overview['observationsPerSecond']).toBeGreaterThan(0);
    // The live feed is bounded: the 65th stream is refused until one closes; streams carry the CSP too.
    const controller = new AbortController();
    const streams = await Promise.all(
      Array.from({ length: 64 }, () => fetch(`${url}/api/v1/events`, { signal: controller.signal })),
    );
    expect(streams.every((r) => r.status === 200)).toBe(true);
    expect(streams[0]?.headers.get('content-security-policy')).toContain("default-src 'none'");
    const refused = await apiAs<{ code: string }>(url, '/api/v1/events');
    expect([refused.status, refused.body.code]).toEqual([503, 'KSTORM_API_BUSY']);
    controller.abort();
    // A fractional or absurd limit is not an error.
    expect(
      (await apiAs<{ observations: unknown[] }>(url, '/api/v1/observations?limit=1.5')).body.observations,
    ).toHaveLength(1);
    expect((await apiAs<unknown[]>(url, '/api/v1/sessions?limit=-3')).body).toHaveLength(1);

    // Structured logs: JSON lines with pino's fields.
    expect(logs().map((l) => l.msg)).toEqual(
      expect.arrayContaining(['storm center started', 'incident opened', 'records refused (dead-lettered)']),
    );
    child.kill('SIGTERM');
  });
});
