/**
 * The attack trees as a standalone SVG: ELK-placed boxes, gates drawn distinctly (OR a pill, AND a
 * square box with a heavy border, SAND a box with a step bar and numbered edges), leaves with their
 * technique ids. Colours are Paul Tol's colour-blind-safe set, and never the only cue: the gate word is
 * written in every gate. All text is XML-escaped.
 */
import type { ThreatModel } from '../types.js';
import { type RenderOptions, treeGraph } from './graph.js';
import { FONT_SIZE, LINE_HEIGHT, layoutTree, type PlacedEdge, type PlacedNode } from './layout.js';

const GATE_COLOUR = { or: '#4477aa', and: '#ee6677', sand: '#228833' } as const;
const LEAF_FILL = '#f7f7f7';

export async function renderSvg(model: ThreatModel, options: RenderOptions = {}): Promise<string> {
  const layout = await layoutTree(treeGraph(model, options));
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  const title = model.metadata.title ?? model.metadata.name;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<title>${xml(title)}</title>`,
    `<style>text{font-family:Helvetica,Arial,sans-serif;font-size:${FONT_SIZE}px;fill:#222}.tech{font-family:monospace;fill:#555}.gate-word{font-weight:bold}.edge{fill:none;stroke:#777;stroke-width:1.2}</style>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...layout.edges.map(drawEdge),
    ...layout.nodes.map(drawNode),
    '</svg>',
    '',
  ].join('\n');
}

function drawNode(placed: PlacedNode): string {
  const { node, x, y, width, height, lines } = placed;
  const shape =
    node.kind === 'leaf'
      ? `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" rx="3" fill="${LEAF_FILL}" stroke="#999"/>`
      : gateShape(placed);
  const techniques = node.techniques.join(' ');
  const text = lines.map((line, i) => {
    const cls =
      node.kind === 'gate' && i === 0
        ? 'gate-word'
        : line === techniques || line === '(no technique)'
          ? 'tech'
          : '';
    const ty = y + 8 + LINE_HEIGHT * (i + 1) - 4;
    return `<text x="${n(x + width / 2)}" y="${n(ty)}" text-anchor="middle"${cls ? ` class="${cls}"` : ''}>${xml(line)}</text>`;
  });
  const kind =
    node.kind === 'leaf' ? 'leaf' : `gate gate-${node.gate}${node.goal === undefined ? '' : ' goal'}`;
  return `<g class="node ${kind}" data-node="${xml(node.id)}"><title>${xml(tooltip(placed))}</title>${shape}${text.join('')}</g>`;
}

function gateShape({ node, x, y, width, height }: PlacedNode): string {
  const gate = node.gate ?? 'or';
  const colour = GATE_COLOUR[gate];
  const stroke = node.goal === undefined ? 1.5 : 3;
  if (gate === 'or') {
    return `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" rx="${n(height / 2)}" fill="#eef3f8" stroke="${colour}" stroke-width="${stroke}"/>`;
  }
  if (gate === 'and') {
    return `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" fill="#fdf0f1" stroke="${colour}" stroke-width="${stroke + 1}"/>`;
  }
  return [
    `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" fill="#edf6ee" stroke="${colour}" stroke-width="${stroke}"/>`,
    `<rect x="${n(x)}" y="${n(y)}" width="6" height="${n(height)}" fill="${colour}"/>`,
  ].join('');
}

function drawEdge({ edge, points, label }: PlacedEdge): string {
  if (points.length === 0) return '';
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)},${n(p.y)}`).join(' ');
  const path = `<path class="edge" d="${d}"/>`;
  if (edge.step === undefined || label === undefined) return path;
  return `${path}<text x="${n(label.x + 2)}" y="${n(label.y + FONT_SIZE)}" class="gate-word" fill="${GATE_COLOUR.sand}">${edge.step}</text>`;
}

function tooltip({ node }: PlacedNode): string {
  const parts = [node.id];
  if (node.goal !== undefined) parts.push(`goal: ${node.goal}`);
  if (node.kind === 'leaf')
    parts.push(`${node.witnesses ?? 0} witness(es): ${(node.sensors ?? []).join(', ') || 'none'}`);
  if (node.bait !== undefined) parts.push(`bait: ${node.bait}`);
  if (node.from !== undefined) parts.push(`from: ${node.from}`);
  if (node.probability !== undefined) parts.push(`prior probability ${node.probability}`);
  return parts.join('\n');
}

/** Coordinates with at most one decimal, so the file diffs cleanly. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Escapes text for XML content and double-quoted attributes. */
export function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
