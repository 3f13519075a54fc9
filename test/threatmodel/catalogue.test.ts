// The bundled catalogue: every ready-made leaf loads on its own with no problem (its techniques are known,
// its patterns check, its sensors resolve and can be armed), and `attack/<id>` reaches a TMFK leaf.
import { describe, expect, it } from 'vitest';
import { sensorSupport } from '../../src/instrument/index.js';
import { validatePattern } from '../../src/pattern/index.js';
import {
  loadModelText,
  READY_LEAVES,
  readyLeaf,
  TECHNIQUES,
  techniqueInfo,
} from '../../src/threatmodel/index.js';

function modelOf(ref: string): string {
  return `apiVersion: kstorm.dev/v1alpha1
kind: ThreatModel
metadata: {name: one}
spec:
  branches:
    - id: b
      goal: g
      gate: or
      children:
        - from: ${ref}
`;
}

describe('the ready-made leaves', () => {
  it('has KubeHound, Stratus Red Team and TMFK leaves with unique refs and ids', () => {
    const kinds = new Set(READY_LEAVES.map((l) => l.ref.split('/')[0]));
    expect([...kinds].sort()).toEqual(['kubehound', 'stratus', 'tmfk']);
    expect(new Set(READY_LEAVES.map((l) => l.ref)).size).toBe(READY_LEAVES.length);
    expect(new Set(READY_LEAVES.map((l) => l.id)).size).toBe(READY_LEAVES.length);
  });

  it.each(READY_LEAVES.map((l) => [l.ref]))(
    '%s loads alone with no problem and every pattern checks',
    (ref) => {
      const leaf = readyLeaf(ref);
      expect(leaf?.witnesses.length).toBeGreaterThan(0);
      for (const id of leaf?.techniques ?? []) expect(techniqueInfo(id), id).toBeDefined();
      for (const w of leaf?.witnesses ?? [])
        expect(validatePattern(w.pattern).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const result = loadModelText(modelOf(ref), `${ref}.yaml`, { sensorSupport });
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    },
  );

  it('resolves a bare ATT&CK id to the Threat Matrix leaf that cites it', () => {
    expect(readyLeaf('attack/T1609')?.ref).toBe('tmfk/MS-TA9006');
    expect(readyLeaf('attack/T9999')).toBeUndefined();
    expect(TECHNIQUES.length).toBeGreaterThan(90);
  });
});
