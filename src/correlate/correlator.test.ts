import { describe, expect, it } from 'vitest';
import { witnessedLeaf as leaf, modelFromBranches } from '../threatmodel/fixtures.test-support.js';
import { Correlator } from './correlator.js';
import type { WitnessHit } from './sessions.js';

const MODEL = modelFromBranches(`    - id: ssh-to-logs
      goal: read node files
      gate: sand
      children: [${leaf('ssh-login')}, ${leaf('create-pv')}, ${leaf('symlink')}, ${leaf('read-logs')}]
    - id: other
      goal: something else
      gate: or
      children: [${leaf('noise')}]
`);

const S = 1_000_000_000n;
let n = 0;
function hit(leaf: string, second: number, keys: string[], branch = 'ssh-to-logs'): WitnessHit {
  n += 1;
  return {
    indicator: `indicator--${leaf}`,
    witness: `${leaf}/1`,
    leaf,
    branch,
    time: BigInt(second) * S,
    observation: `observed-data--${n}`,
    keys,
  };
}

describe('Correlator', () => {
  it('follows one actor across keys (SSH source → pod → its service account) to an incident at the goal', () => {
    const c = new Correlator(MODEL);
    c.push(hit('ssh-login', 10, ['ip:203.0.113.9', 'pod:kstorm-bait/ssh-bait', 'exec:A']));
    const pv = c.push(
      hit('create-pv', 20, ['user:system:serviceaccount:kstorm-bait:ssh-bait', 'pod:kstorm-bait/ssh-bait']),
    );
    expect(pv.map((e) => e.type)).toEqual(['session-updated', 'incident-opened']);
    c.push(hit('symlink', 30, ['exec:B', 'pod:kstorm-bait/ssh-bait']));
    const last = c.push(
      hit('read-logs', 40, ['user:system:serviceaccount:kstorm-bait:ssh-bait', 'ip:10.0.0.5']),
    );
    expect(c.sessions).toHaveLength(1);
    const [incident] = c.incidents;
    expect(incident).toMatchObject({
      branch: 'ssh-to-logs',
      goalReached: true,
      severity: 'critical',
      fraction: 1,
    });
    expect(incident?.leaves).toEqual(['ssh-login', 'create-pv', 'symlink', 'read-logs']);
    expect(last.at(-1)?.type).toBe('incident-updated');
  });

  it('judges sand on observation time, so out-of-order arrival still completes the path', () => {
    const c = new Correlator(MODEL);
    const keys = ['ip:198.51.100.1'];
    for (const [leaf, t] of [
      ['read-logs', 40],
      ['symlink', 30],
      ['ssh-login', 10],
      ['create-pv', 20],
    ] as const) {
      c.push(hit(leaf, t, keys));
    }
    expect(c.incidents.map((i) => [i.goalReached, i.leaves])).toEqual([
      [true, ['ssh-login', 'create-pv', 'symlink', 'read-logs']],
    ]);
  });

  it('keeps strangers apart, splits an actor after the idle timeout, and merges sessions a key joins', () => {
    const c = new Correlator(MODEL, { idleTimeoutSeconds: 60 });
    c.push(hit('ssh-login', 0, ['ip:1.1.1.1']));
    c.push(hit('ssh-login', 5, ['ip:2.2.2.2']));
    expect(c.sessions).toHaveLength(2);
    const merged = c.push(hit('create-pv', 10, ['ip:1.1.1.1', 'ip:2.2.2.2']));
    expect(merged.map((e) => e.type)).toContain('session-merged');
    expect(c.sessions).toHaveLength(1);
    c.push(hit('symlink', 500, ['ip:1.1.1.1']));
    expect(c.sessions).toHaveLength(2);
    expect(c.closeIdle()).toHaveLength(1);
  });

  it('ignores a re-delivered hit; one step opens no incident unless it reaches a goal', () => {
    const c = new Correlator(MODEL);
    const h = hit('ssh-login', 1, ['ip:1.1.1.1']);
    expect(c.push(h)).toHaveLength(1);
    expect(c.push(h)).toEqual([]);
    expect(c.incidents).toEqual([]);
    c.push(hit('noise', 2, ['ip:1.1.1.1'], 'other'));
    expect(c.incidents.map((i) => [i.branch, i.goalReached, i.severity])).toEqual([
      ['other', true, 'critical'],
    ]);
  });

  it('remembers a bounded number of hits for de-duplication', () => {
    const c = new Correlator(MODEL, { maxRememberedHits: 2 });
    const first = hit('ssh-login', 1, ['ip:1.1.1.1']);
    c.push(first);
    c.push(hit('ssh-login', 2, ['ip:1.1.1.1']));
    expect(c.push(first)).toEqual([]);
    c.push(hit('ssh-login', 3, ['ip:1.1.1.1']));
    // The first hit has been forgotten: a very late re-delivery counts again.
    expect(c.push(first)).not.toEqual([]);
  });
});
