/**
 * The attack trees as Graphviz DOT and Mermaid flowcharts, for docs, wikis and `dot -Tpng`.
 * Gates get distinct shapes (OR an ellipse / hexagon, AND a box / trapezoid, SAND a folded box /
 * subroutine with numbered edges); every label is escaped for its language.
 */
import type { ThreatModel } from '../types.js';
import { GATE_LABEL, type RenderOptions, type TreeGraphNode, treeGraph } from './graph.js';

const DOT_GATE_SHAPE = { or: 'ellipse', and: 'box', sand: 'cds' } as const;

/** A Graphviz digraph, top to bottom, one cluster per branch. */
export function renderDot(model: ThreatModel, options: RenderOptions = {}): string {
  const graph = treeGraph(model, options);
  const lines = [
    `digraph ${dotString(graph.model)} {`,
    '  rankdir=TB;',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [arrowhead=none];',
  ];
  for (const node of graph.nodes) {
    const attrs =
      node.kind === 'leaf'
        ? ['shape=box', 'style="filled"', 'fillcolor="#f7f7f7"']
        : [
            `shape=${DOT_GATE_SHAPE[node.gate ?? 'or']}`,
            node.gate === 'and' ? 'style="bold"' : 'style="solid"',
            ...(node.goal === undefined ? [] : ['peripheries=2']),
          ];
    lines.push(
      `  ${dotString(node.id)} [label=${dotString(nodeLines(node).join('\n'))}, ${attrs.join(', ')}];`,
    );
  }
  for (const edge of graph.edges) {
    const label = edge.step === undefined ? '' : ` [label=${dotString(String(edge.step))}, arrowhead=normal]`;
    lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)}${label};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

const MERMAID_SHAPE = {
  or: ['{{', '}}'],
  and: ['[/', '\\]'],
  sand: ['[[', ']]'],
} as const;

/** A Mermaid flowchart; node ids are generated, so nothing from the model reaches Mermaid syntax unquoted. */
export function renderMermaid(model: ThreatModel, options: RenderOptions = {}): string {
  const graph = treeGraph(model, options);
  const key = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart TD'];
  for (const node of graph.nodes) {
    const [open, close] = node.kind === 'leaf' ? ['[', ']'] : MERMAID_SHAPE[node.gate ?? 'or'];
    const label = nodeLines(node).map(mermaidText).join('<br/>');
    lines.push(`  ${key.get(node.id)}${open}"${label}"${close}`);
    lines.push(
      `  class ${key.get(node.id)} ${node.kind === 'leaf' ? 'leaf' : node.goal === undefined ? 'gate' : 'goal'}`,
    );
  }
  for (const edge of graph.edges) {
    const arrow = edge.step === undefined ? '---' : `-->|"${edge.step}"|`;
    lines.push(`  ${key.get(edge.from)} ${arrow} ${key.get(edge.to)}`);
  }
  lines.push('  classDef goal stroke-width:3px');
  lines.push('  classDef gate stroke-width:1px');
  lines.push('  classDef leaf fill:#f7f7f7');
  return `${lines.join('\n')}\n`;
}

/** The lines every renderer shows for a node: gate word and name, or name and technique ids. */
export function nodeLines(node: TreeGraphNode): string[] {
  if (node.kind === 'gate') {
    const head = `${GATE_LABEL[node.gate ?? 'or']}${node.gate === 'sand' ? ' (in order)' : ''}`;
    return [head, node.name, ...(node.techniques.length > 0 ? [node.techniques.join(' ')] : [])];
  }
  return [node.name, node.techniques.length > 0 ? node.techniques.join(' ') : '(no technique)'];
}

function dotString(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n');
  return `"${escaped}"`;
}

/** Mermaid reads `#…;` entities inside quoted labels; `#` goes first so the others are not re-escaped. */
function mermaidText(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/&/g, '#amp;')
    .replace(/[\r\n]+/g, ' ');
}
