/**
 * kstorm's bundled catalogue: technique ids (ATT&CK Containers, Threat Matrix for Kubernetes) and the
 * ready-made leaves a model uses by reference (`from: kubehound/CE_NSENTER`, `from: stratus/…`,
 * `from: tmfk/MS-TA9013`, or just `technique: MS-TA9013`).
 */
import { KUBEHOUND_LEAVES } from './kubehound.js';
import { STRATUS_LEAVES } from './stratus.js';
import { TMFK_LEAVES } from './tmfk.js';
import type { ReadyLeaf } from './types.js';

export { TECHNIQUES, techniqueInfo } from './techniques.js';
export type * from './types.js';

/** Every ready-made leaf, sorted by ref. */
export const READY_LEAVES: readonly ReadyLeaf[] = [
  ...KUBEHOUND_LEAVES,
  ...STRATUS_LEAVES,
  ...TMFK_LEAVES,
].sort((a, b) => a.ref.localeCompare(b.ref));

const BY_REF = new Map(READY_LEAVES.map((leaf) => [leaf.ref, leaf]));

/**
 * The ready-made leaf for a ref. `tmfk/<id>` and the others name a leaf directly; `attack/<id>` resolves to
 * the first TMFK leaf (by TMFK id) whose techniques include that ATT&CK id, so `technique: T1609` gets the
 * Threat Matrix's view of it.
 */
export function readyLeaf(ref: string): ReadyLeaf | undefined {
  const direct = BY_REF.get(ref);
  if (direct || !ref.startsWith('attack/')) return direct;
  const id = ref.slice('attack/'.length);
  return TMFK_LEAVES.find((leaf) => leaf.techniques.includes(id));
}
