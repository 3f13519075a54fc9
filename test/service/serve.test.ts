/**
 * `kstorm serve` as a real process over real HTTP: a recorded capture posted to the ingest endpoint
 * yields the exact sessions, incidents and paths; SIGKILL in the middle of an ingest loses nothing that
 * was acknowledged, and re-sending everything after the restart counts nothing twice. Both stores.
 */
import { describe, expect, it } from 'vitest';
import { api, freshStore, type Json, lines, post, serve } from './serve-harness.js';

describe.each(['sqlite', 'postgres'] as const)('kstorm serve with the %s store', (kind) => {
  it('turns a posted capture into exact sessions, incidents and paths', async () => {
    const { data, flags } = await freshStore(kind);
    const { url, child } = await serve(data, flags);
    for (const line of await lines()) expect((await post(url, line)).status).toBe(200);
    const incidents = await api(url, '/api/v1/incidents');
    expect(incidents.map((i: Json) => [i.branch, i.leaves, i.severity, i.goalReached])).toEqual([
      [
        'ssh-to-node-logs',
        ['weak-ssh-login', 'sa-creates-hostpath-pv', 'ce-var-log-symlink', 'kubectl-logs-leak'],
        'critical',
        true,
      ],
      ['cryptomining', ['new-container', 'resource-hijacking'], 'critical', true],
    ]);
    expect(await api(url, '/api/v1/sessions')).toHaveLength(2);
    const paths = await api(url, '/api/v1/paths');
    expect(paths.map((p: Json) => [p.branch, p.entered, p.goal])).toEqual([
      ['ssh-to-node-logs', 1, 1],
      ['cryptomining', 1, 1],
    ]);
    expect((await api(url, '/api/v1/storm')).level).toBe('red');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('kstorm_observations_stored_total 18');
    expect(metrics).toContain('kstorm_incidents_opened_total 2');
    expect(metrics).toContain('kstorm_actor_sessions 2');
    expect(metrics).toContain('kstorm_storm_level 3');
    const first = await api(url, '/api/v1/observations?limit=10');
    expect(first.total).toBe(18);
    expect(first.observations).toHaveLength(10);
    const second = await api(url, `/api/v1/observations?limit=10&after=${first.next}`);
    expect(second.observations).toHaveLength(8);
    expect(second.next).toBeUndefined();
    expect((await api(url, '/api/v1/observations?source=k8s-audit')).observations).toHaveLength(9);
    child.kill('SIGTERM');
  });

  it('loses nothing acknowledged to SIGKILL mid-ingest, and counts nothing twice on re-delivery', async () => {
    const { data, flags } = await freshStore(kind);
    const all = await lines();
    const first = await serve(data, flags);
    let acknowledged = 0;
    for (const line of all.slice(0, 9)) if ((await post(first.url, line)).status === 200) acknowledged += 1;
    // The rest in flight at once; kill the process as soon as the first of them is acknowledged.
    const inflight = all.slice(9).map((line) =>
      post(first.url, line).then(
        (r) => {
          if (r.status === 200) acknowledged += 1;
          first.child.kill('SIGKILL');
        },
        () => undefined,
      ),
    );
    await Promise.all(inflight);
    first.child.kill('SIGKILL');
    if (first.child.exitCode === null && first.child.signalCode === null) {
      await new Promise((r) => first.child.once('exit', r));
    }
    expect(acknowledged).toBeGreaterThanOrEqual(10);

    const second = await serve(data, flags);
    const stored = (await api(second.url, '/api/v1/observations?limit=1')).total;
    expect(stored).toBeGreaterThanOrEqual(acknowledged);
    for (const line of all) expect((await post(second.url, line)).status).toBe(200);
    expect((await api(second.url, '/api/v1/observations?limit=1')).total).toBe(18);
    const sightings = await api(second.url, '/api/v1/sightings');
    expect(sightings.map((s: Json) => s.count)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await api(second.url, '/api/v1/incidents')).toHaveLength(2);
    expect(await api(second.url, '/api/v1/sessions')).toHaveLength(2);
    second.child.kill('SIGTERM');
  });
});

describe('kstorm serve', () => {
  it('plays the bundled demo day into the center (what npm start shows)', async () => {
    const { data } = await freshStore('sqlite');
    const { url, child } = await serve(data, ['--demo', '--demo-speed', '100000']);
    let incidents: Json = [] as unknown as Json;
    for (let i = 0; i < 300 && incidents.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      incidents = await api(url, '/api/v1/incidents');
    }
    expect(incidents.map((i: Json) => i.branch)).toEqual(['ssh-to-node-logs', 'cryptomining']);
    child.kill('SIGTERM');
  });

  it('pushes incidents to the live feed (server-sent events) as they happen', async () => {
    const { data } = await freshStore('sqlite');
    const { url, child } = await serve(data);
    const controller = new AbortController();
    const response = await fetch(`${url}/api/v1/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const read = (async () => {
      while (!text.includes('event: incident-opened')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    })();
    for (const line of await lines()) await post(url, line);
    await read;
    controller.abort();
    expect(text).toMatch(/^event: storm\ndata: \{"level":"green"/);
    expect(text).toContain('event: session-opened');
    expect(text).toContain('event: observations');
    const opened = /event: incident-opened\ndata: (.*)\n/.exec(text)?.[1] ?? '{}';
    expect(JSON.parse(opened).incident.branch).toBe('ssh-to-node-logs');
    child.kill('SIGTERM');
  });
});
