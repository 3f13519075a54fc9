/**
 * Places the tree graph with ELK's layered (Sugiyama) algorithm. Node sizes come from their text, so a
 * label always fits its box; children keep their written order, which is what a `sand` gate means.
 * Wide trees are laid out left to right so 40 leaves stack into a readable column instead of a
 * 10 000-pixel row.
 */

import elkBundle from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { TreeGraph, TreeGraphEdge, TreeGraphNode } from './graph.js';
import { nodeLines } from './text.js';

export const FONT_SIZE = 12;
export const LINE_HEIGHT = 16;
/** A generous average glyph width for 12px sans-serif, so estimated text never overflows its box. */
export const CHAR_WIDTH = 7.2;
const PADDING_X = 12;
const PADDING_Y = 8;
const WRAP_AT = 34;
/** Above this many leaves in one picture the layout runs left to right. */
const DOWNWARD_LEAF_LIMIT = 12;

export interface PlacedNode {
  readonly node: TreeGraphNode;
  readonly lines: readonly string[];
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge {
  readonly edge: TreeGraphEdge;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  readonly label?: { readonly x: number; readonly y: number };
}

export interface TreeLayout {
  readonly direction: 'DOWN' | 'RIGHT';
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

export interface LayoutOptions {
  /**
   * Blank lines added under every node's text, at least `reserveChars` wide: room the dashboard fills
   * with live figures (counts, probabilities) without moving anything.
   */
  readonly reserveLines?: number;
  readonly reserveChars?: number;
}

export async function layoutTree(graph: TreeGraph, options: LayoutOptions = {}): Promise<TreeLayout> {
  const leafCount = graph.nodes.filter((n) => n.kind === 'leaf').length;
  const direction = leafCount > DOWNWARD_LEAF_LIMIT ? 'RIGHT' : 'DOWN';
  const text = new Map(graph.nodes.map((n) => [n.id, nodeLines(n).flatMap((l) => wrap(l, WRAP_AT))]));
  const extra = options.reserveLines ?? 0;
  const size = (lines: readonly string[]) => ({
    width: Math.ceil(
      Math.max(...lines.map((l) => l.length), extra > 0 ? (options.reserveChars ?? 0) : 0) * CHAR_WIDTH +
        2 * PADDING_X,
    ),
    height: (lines.length + extra) * LINE_HEIGHT + 2 * PADDING_Y,
  });
  const keyOf = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const key = (id: string) => keyOf.get(id) ?? id;
  // The bundle is CommonJS: Node hands over module.exports, whose `default` is the constructor.
  const elk = new elkBundle.default();
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.spacing.nodeNode': '14',
      'elk.layered.spacing.nodeNodeBetweenLayers': '40',
      'elk.spacing.componentComponent': '40',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: graph.nodes.map((n, i) => ({ id: `n${i}`, ...size(text.get(n.id) ?? []) })),
    edges: graph.edges.map((e, i) => ({
      id: `e${i}`,
      sources: [key(e.from)],
      targets: [key(e.to)],
      ...(e.step === undefined ? {} : { labels: [{ text: String(e.step), width: 14, height: LINE_HEIGHT }] }),
    })),
  };
  const result = await elk.layout(input);
  const placedNodes = new Map((result.children ?? []).map((c) => [c.id, c]));
  const placedEdges = new Map((result.edges ?? []).map((e) => [e.id, e]));
  const nodes = graph.nodes.map((node, i): PlacedNode => {
    const placed = placedNodes.get(`n${i}`);
    return {
      node,
      lines: text.get(node.id) ?? [],
      x: placed?.x ?? 0,
      y: placed?.y ?? 0,
      width: placed?.width ?? 0,
      height: placed?.height ?? 0,
    };
  });
  const edges = graph.edges.map((edge, i): PlacedEdge => {
    const placed = placedEdges.get(`e${i}`);
    const section = placed?.sections?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    const label = placed?.labels?.[0];
    return {
      edge,
      points,
      ...(label?.x === undefined || label.y === undefined ? {} : { label: { x: label.x, y: label.y } }),
    };
  });
  return { direction, width: result.width ?? 0, height: result.height ?? 0, nodes, edges };
}

/** Breaks a line at spaces so no line is longer than `limit` (a single longer word is cut). */
export function wrap(line: string, limit: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(/\s+/).filter((w) => w.length > 0)) {
    for (let rest = word; rest.length > 0; ) {
      const room = current.length === 0 ? limit : limit - current.length - 1;
      if (rest.length <= room) {
        current = current.length === 0 ? rest : `${current} ${rest}`;
        rest = '';
      } else if (current.length > 0) {
        out.push(current);
        current = '';
      } else {
        out.push(rest.slice(0, limit));
        rest = rest.slice(limit);
      }
    }
  }
  if (current.length > 0 || out.length === 0) out.push(current);
  return out;
}
