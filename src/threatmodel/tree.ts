/**
 * Walking attack trees: every leaf, every witness, and which gates can be reached at all.
 */
import type { Branch, GateNode, Leaf, ThreatModel, TreeNode, Witness } from './types.js';

/** Every node of a subtree, parents before children, children in written order. */
export function* nodesOf(node: TreeNode): Generator<TreeNode> {
  yield node;
  if (node.type === 'gate') for (const child of node.children) yield* nodesOf(child);
}

/** Every leaf of the model with the branch it belongs to. */
export function* leavesOf(model: ThreatModel): Generator<{ branch: Branch; leaf: Leaf }> {
  for (const branch of model.branches) {
    for (const node of nodesOf(branch)) if (node.type === 'leaf') yield { branch, leaf: node };
  }
}

/** Every witness of the model with its leaf. */
export function* witnessesOf(
  model: ThreatModel,
): Generator<{ branch: Branch; leaf: Leaf; witness: Witness }> {
  for (const { branch, leaf } of leavesOf(model)) {
    for (const witness of leaf.witnesses) yield { branch, leaf, witness };
  }
}

/** Finds a node by id in one branch. */
export function findNode(branch: Branch, id: string): TreeNode | undefined {
  for (const node of nodesOf(branch)) if (node.id === id) return node;
  return undefined;
}

/**
 * Can this node ever be observed as reached? A leaf can when it has a witness; `or` when any child can;
 * `and` and `sand` when every child can.
 */
export function isWitnessable(node: TreeNode): boolean {
  if (node.type === 'leaf') return node.witnesses.length > 0;
  if (node.children.length === 0) return false;
  return node.gate === 'or' ? node.children.some(isWitnessable) : node.children.every(isWitnessable);
}

/**
 * The gates nothing can ever show reached, and for each the children to blame. Only the lowest such gates
 * are listed: their ancestors are unreachable because of them.
 */
export function unreachableGates(model: ThreatModel): { gate: GateNode; blame: TreeNode[] }[] {
  const out: { gate: GateNode; blame: TreeNode[] }[] = [];
  for (const branch of model.branches) {
    for (const node of nodesOf(branch)) {
      if (node.type !== 'gate' || node.children.length === 0 || isWitnessable(node)) continue;
      const blame = node.children.filter((c) => !isWitnessable(c));
      if (blame.some((c) => c.type === 'gate' && c.children.length > 0)) continue;
      out.push({ gate: node, blame });
    }
  }
  return out;
}
