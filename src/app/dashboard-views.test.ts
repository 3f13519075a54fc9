import { describe, expect, it } from 'vitest';
import { branchLayouts, coverage } from './dashboard-views.js';
import { loadModelFiles } from './models.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const [model] = (await loadModelFiles([`${ROOT}threatmodels/honeycluster.yaml`])).threatModels;
if (!model) throw new Error('the bundled model did not load');

describe('dashboard views', () => {
  it('calls a technique blind until its sensors report, armed after, witnessed once hit', () => {
    const status = (c: ReturnType<typeof coverage>, id: string) => c.find((t) => t.id === id)?.status;
    const silent = coverage(model, new Map(), new Set());
    expect(silent.every((t) => t.status === 'blind')).toBe(true);
    const reporting = coverage(model, new Map(), new Set(['tetragon', 'k8s-audit', 'falco', 'kubescape']));
    expect(status(reporting, 'T1078')).toBe('armed');
    const hit = coverage(model, new Map([['weak-ssh-login', 3]]), new Set(['tetragon', 'k8s-audit']));
    expect(status(hit, 'T1078')).toBe('witnessed');
    expect(hit.find((t) => t.id === 'T1078')?.sightings).toBe(3);
    // Only the leaf that was hit counts as witnessed; its siblings under the technique keep their own status.
    expect(hit.find((t) => t.id === 'T1078')?.leaves.find((l) => l.id === 'weak-ssh-login')?.status).toBe(
      'witnessed',
    );
  });

  it('lays out every branch with a spare line in each box for the live figures', async () => {
    const layouts = await branchLayouts(model);
    expect(layouts.map((l) => l.branch)).toEqual(model.branches.map((b) => b.id));
    for (const layout of layouts) {
      for (const node of layout.nodes) {
        expect(node.height).toBeGreaterThanOrEqual((node.lines.length + 1) * 16);
        expect(node.x + node.width).toBeLessThanOrEqual(layout.width + 1);
      }
      expect(layout.edges.every((e) => e.points.length >= 2)).toBe(true);
    }
  });
});
