/**
 * The attack trees as a plain graph: one node per goal, gate and leaf, one edge per parent → child.
 * Every renderer (JSON, DOT, Mermaid, SVG) and the dashboard draw from this one shape, so they agree on
 * what a tree is.
 */
import type { Branch, Gate, ThreatModel, TreeNode } from '../types.js';

export interface RenderOptions {
  /** Only this branch (by id); every branch when absent. */
  readonly branch?: string;
}

export interface TreeGraphNode {
  /** The model's node id (unique in the model). */
  readonly id: string;
  readonly kind: 'gate' | 'leaf';
  /** The branch root carries its goal. */
  readonly goal?: string;
  readonly gate?: Gate;
  readonly name: string;
  readonly branch: string;
  readonly depth: number;
  readonly techniques: readonly string[];
  /** Leaves: how many witnesses, and which sensor kinds they rely on. */
  readonly witnesses?: number;
  readonly sensors?: readonly string[];
  readonly bait?: string;
  readonly from?: string;
  readonly probability?: number;
}

export interface TreeGraphEdge {
  readonly from: string;
  readonly to: string;
  /** 1-based position of the child under a `sand` gate: the order the steps must happen in. */
  readonly step?: number;
}

export interface TreeGraph {
  readonly model: string;
  readonly title?: string;
  readonly nodes: readonly TreeGraphNode[];
  readonly edges: readonly TreeGraphEdge[];
}

/** The model (or one branch of it) as nodes and edges, parents before children, in written order. */
export function treeGraph(model: ThreatModel, options: RenderOptions = {}): TreeGraph {
  const nodes: TreeGraphNode[] = [];
  const edges: TreeGraphEdge[] = [];
  const branches = model.branches.filter((b) => options.branch === undefined || b.id === options.branch);
  for (const branch of branches) walk(branch, branch, 0, nodes, edges);
  return {
    model: model.metadata.name,
    ...(model.metadata.title === undefined ? {} : { title: model.metadata.title }),
    nodes,
    edges,
  };
}

function walk(
  node: TreeNode,
  branch: Branch,
  depth: number,
  nodes: TreeGraphNode[],
  edges: TreeGraphEdge[],
): void {
  const common = {
    id: node.id,
    name: node.name,
    branch: branch.id,
    depth,
    techniques: node.techniques,
    ...(node.priors?.probability === undefined ? {} : { probability: node.priors.probability }),
  };
  if (node.type === 'leaf') {
    const sensors = [...new Set(node.witnesses.map((w) => w.sensor.kind))];
    nodes.push({
      ...common,
      kind: 'leaf',
      witnesses: node.witnesses.length,
      sensors,
      ...(node.bait === undefined ? {} : { bait: node.bait }),
      ...(node.from === undefined ? {} : { from: node.from }),
    });
    return;
  }
  nodes.push({ ...common, kind: 'gate', gate: node.gate, ...(node === branch ? { goal: branch.goal } : {}) });
  node.children.forEach((child, index) => {
    edges.push({ from: node.id, to: child.id, ...(node.gate === 'sand' ? { step: index + 1 } : {}) });
    walk(child, branch, depth + 1, nodes, edges);
  });
}

/** How a gate reads in a picture: the word and what it means. */
export const GATE_LABEL: Readonly<Record<Gate, string>> = {
  or: 'OR',
  and: 'AND',
  sand: 'SAND',
};
