/** Drawing attack trees: a plain graph, its ELK layout, and JSON / DOT / Mermaid / SVG output. */
import type { ThreatModel } from '../types.js';
import { type RenderOptions, type TreeGraph, treeGraph } from './graph.js';

export {
  GATE_LABEL,
  type RenderOptions,
  type TreeGraph,
  type TreeGraphEdge,
  type TreeGraphNode,
  treeGraph,
} from './graph.js';
export {
  type LayoutOptions,
  layoutTree,
  type PlacedEdge,
  type PlacedNode,
  type TreeLayout,
  wrap,
} from './layout.js';
export { renderSvg } from './svg.js';
export { nodeLines, renderDot, renderMermaid } from './text.js';

/** The graph as data (`--format json`), for tools that draw it themselves. */
export function renderJson(model: ThreatModel, options: RenderOptions = {}): TreeGraph {
  return treeGraph(model, options);
}
