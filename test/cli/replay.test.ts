/**
 * `kstorm replay`: a recorded honeycluster capture (two attackers among benign traffic, one of them with
 * records out of order) through ingest → indicators → correlation, with the bundled threat library.
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const CAPTURE = new URL('../fixtures/captures/CONSTRUCTED_honeycluster-two-attackers.jsonl', import.meta.url)
  .pathname;

describe('kstorm replay', () => {
  it('follows both attackers across sensors to their goals, and nothing else', async () => {
    const r = await run(['replay', CAPTURE, '--output', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.observations).toBe(18);
    expect(summary.rejected).toBe(0);
    expect(summary.sessions).toBe(2);
    expect(summary.storm).toEqual({ level: 'red', reason: '2 actor(s) reached a goal in the last hour' });
    expect(
      summary.incidents.map((i: { branch: string; leaves: string[]; severity: string }) => [
        i.branch,
        i.leaves,
        i.severity,
      ]),
    ).toEqual([
      [
        'ssh-to-node-logs',
        ['weak-ssh-login', 'sa-creates-hostpath-pv', 'ce-var-log-symlink', 'kubectl-logs-leak'],
        'critical',
      ],
      ['cryptomining', ['new-container', 'resource-hijacking'], 'critical'],
    ]);
    expect(summary.paths).toMatchObject([
      {
        branch: 'ssh-to-node-logs',
        entered: 1,
        goal: 1,
        leaves: {
          'weak-ssh-login': 1,
          'sa-creates-hostpath-pv': 1,
          'ce-var-log-symlink': 1,
          'kubectl-logs-leak': 1,
        },
      },
      {
        branch: 'cryptomining',
        entered: 1,
        goal: 1,
        leaves: { 'new-container': 1, 'resource-hijacking': 1 },
      },
    ]);
    expect(
      summary.sightings.map((s: { witness: string; count: number }) => `${s.witness}×${s.count}`).sort(),
    ).toEqual([
      'ce-var-log-symlink/1×1',
      'kubectl-logs-leak/1×1',
      'new-container/1×1',
      'resource-hijacking/1×1',
      'sa-creates-hostpath-pv/1×1',
      'weak-ssh-login/1×1',
    ]);
  });

  it('prints a readable summary by default and refuses a bad --speed', async () => {
    const r = await run(['replay', CAPTURE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('18 observations, 0 rejected, 2 actor sessions, 2 incidents');
    expect(r.stdout).toContain(
      'critical ssh-to-node-logs (goal reached): weak-ssh-login → sa-creates-hostpath-pv',
    );
    const bad = await run(['replay', CAPTURE, '--speed', 'fast']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('KSTORM_CLI_USAGE');
  });
});
