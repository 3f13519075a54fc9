/**
 * One branch of the threat model as an attack tree: positions from the server's ELK layout, gates drawn
 * as in `kstorm model render` (OR pill, AND heavy box, sequential AND barred box with numbered edges),
 * every leaf and edge coloured and sized by how many actors went there in the chosen window, with
 * P(child | parent) on the edges; a selected actor's path outlined. Labels are text nodes only.
 */
import type { KeyboardEvent } from 'react';
import { edgeHeat, GATE_COLOUR, heat, ink, PATH_COLOUR, share } from '../colours';
import type { BranchFigures, BranchLayout, LayoutNode, NodeProgress } from '../types';

const LINE = 16;
const GATE_FILL = { or: '#EEF3F8', and: '#FDF0F1', sand: '#EDF6EE' } as const;

export interface TreeViewProps {
  layout: BranchLayout;
  figures: BranchFigures | undefined;
  /** Leaf id → armed / witnessed / blind. */
  leafStatus: ReadonlyMap<string, string>;
  /** The selected actor's progress on this branch. */
  path: readonly NodeProgress[] | undefined;
  /** Without it the nodes are not focusable buttons (a tree shown only to illustrate an actor's path). */
  onSelect?: (node: LayoutNode) => void;
}

export function TreeView({ layout, figures, leafStatus, path, onSelect }: TreeViewProps) {
  const edgeOf = new Map((figures?.edges ?? []).map((e) => [`${e.parent}→${e.child}`, e]));
  const countOf = (node: LayoutNode): number => {
    if (node.kind === 'leaf') return figures?.leaves[node.id] ?? 0;
    if (node.goal !== undefined) return figures?.entered ?? 0;
    return (figures?.edges ?? []).find((e) => e.child === node.id)?.wentOn ?? 0;
  };
  const max = Math.max(1, ...layout.nodes.map(countOf));
  const onPath = new Map((path ?? []).map((p) => [p.id, p]));
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>; the group holds focusable nodes.
    <svg
      className="tree"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="group"
      aria-label={`Attack tree ${layout.branch}: ${layout.goal}`}
      data-branch={layout.branch}
    >
      {layout.edges.map((edge) => {
        const figure = edgeOf.get(`${edge.from}→${edge.to}`);
        const went = figure?.wentOn ?? 0;
        const d = edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
        const end = edge.points.at(-1);
        const walked = onPath.has(edge.to) && onPath.has(edge.from);
        return (
          <g
            key={`${edge.from}→${edge.to}`}
            className="edge"
            data-edge={`${edge.from}→${edge.to}`}
            data-count={went}
          >
            <path
              d={d}
              fill="none"
              stroke={walked ? PATH_COLOUR : went > 0 ? edgeHeat(went, max) : '#9A9A9A'}
              strokeWidth={
                walked ? 4 : 1.2 + (went > 0 ? 5 * (Math.log1p(went) / Math.log1p(Math.max(max, 10))) : 0)
              }
              strokeDasharray={went > 0 || walked ? undefined : '4 3'}
            />
            {edge.step !== undefined && edge.label ? (
              <text x={edge.label.x + 2} y={edge.label.y + 12} className="step" fill={GATE_COLOUR.sand}>
                {edge.step}
              </text>
            ) : null}
            {figure && end ? (
              <text
                x={end.x + 4}
                y={layout.direction === 'DOWN' ? end.y - 4 : end.y - 3}
                className="edge-figure"
              >
                <title>{`${went} of ${figure.entered} actors went on; P = ${figure.probability.toFixed(2)} (95% CI ${figure.interval[0].toFixed(2)}–${figure.interval[1].toFixed(2)})${figure.medianStepSeconds === undefined ? '' : `; median step ${figure.medianStepSeconds} s`}`}</title>
                {`p=${figure.probability.toFixed(2)}`}
              </text>
            ) : null}
          </g>
        );
      })}
      {layout.nodes.map((node) => (
        <TreeNode
          key={node.id}
          node={node}
          count={countOf(node)}
          max={max}
          status={leafStatus.get(node.id)}
          progress={onPath.get(node.id)}
          figures={figures}
          onSelect={onSelect}
        />
      ))}
    </svg>
  );
}

interface TreeNodeProps {
  node: LayoutNode;
  count: number;
  max: number;
  status: string | undefined;
  progress: NodeProgress | undefined;
  figures: BranchFigures | undefined;
  onSelect: ((node: LayoutNode) => void) | undefined;
}

function TreeNode({ node, count, max, status, progress, figures, onSelect }: TreeNodeProps) {
  const { x, y, width, height } = node;
  const gate = node.gate ?? 'or';
  // Leaves carry the heat; gates keep their own light fill so the gate shapes stay readable.
  const fill = node.kind === 'leaf' ? heat(count, max) : GATE_FILL[gate];
  const colour = node.kind === 'leaf' ? '#8A8A8A' : GATE_COLOUR[gate];
  const stroke = progress ? PATH_COLOUR : colour;
  const strokeWidth = progress ? 4 : node.kind === 'leaf' ? 1 : gate === 'and' ? 3 : node.goal ? 3 : 1.5;
  const live =
    node.kind === 'leaf'
      ? `${count} actor${count === 1 ? '' : 's'} · ${status ?? 'blind'}`
      : node.goal !== undefined
        ? `${count} in · ${figures?.goal ?? 0} at goal · P(goal) ${(figures?.goalProbability ?? 0).toFixed(2)}`
        : `${count} actor${count === 1 ? '' : 's'}`;
  const onKey = (event: KeyboardEvent) => {
    if (onSelect && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onSelect(node);
    }
  };
  const text = node.kind === 'leaf' ? ink(count, max) : '#222222';
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: with onSelect the group is a button (role, tabIndex, Enter/Space); an SVG group cannot be a <button>.
    <g
      className={`node ${node.kind}${node.gate ? ` gate-${node.gate}` : ''}`}
      data-node={node.id}
      data-count={count}
      data-on-path={progress ? (progress.done ? 'done' : 'partial') : undefined}
      data-status={status}
      tabIndex={onSelect ? 0 : undefined}
      role={onSelect ? 'button' : undefined}
      aria-label={onSelect ? `${node.name}: ${live}` : undefined}
      onClick={onSelect ? () => onSelect(node) : undefined}
      onKeyDown={onSelect ? onKey : undefined}
    >
      <title>
        {[node.id, ...node.techniques, node.sensors?.length ? `sensors: ${node.sensors.join(', ')}` : '']
          .filter(Boolean)
          .join('\n')}
      </title>
      <rect
        x={x}
        y={y}
        width={width}
        height={height}
        rx={node.kind === 'gate' && gate === 'or' ? height / 2 : 3}
        fill={fill}
        stroke={stroke}
        strokeWidth={strokeWidth}
        strokeDasharray={progress && !progress.done ? '6 3' : undefined}
      />
      {node.kind === 'gate' && gate === 'sand' ? (
        <rect x={x} y={y} width={6} height={height} fill={colour} />
      ) : null}
      {node.kind === 'leaf' && count > 0 ? (
        // The leaf's size of traffic: a bar along its foot, as long as its share of the heat.
        <rect
          className="volume"
          x={x + 2}
          y={y + height - 5}
          width={Math.max(4, (width - 4) * share(count, max))}
          height={3}
          fill="#662506"
        />
      ) : null}
      {node.lines.map((line, i) => (
        <text
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional.
          key={i}
          x={x + width / 2}
          y={y + 8 + LINE * (i + 1) - 4}
          textAnchor="middle"
          fill={text}
          className={node.kind === 'gate' && i === 0 ? 'gate-word' : /^(T\d|MS-TA)/.test(line) ? 'tech' : ''}
        >
          {line}
        </text>
      ))}
      <text
        x={x + width / 2}
        y={y + 8 + LINE * (node.lines.length + 1) - 4}
        textAnchor="middle"
        fill={text}
        className="live"
      >
        {live}
      </text>
    </g>
  );
}
