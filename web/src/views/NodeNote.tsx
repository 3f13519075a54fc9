/** A node's figures (edges in and out: counts, posterior, interval, step time), opened from the tree. */
import { useEffect, useRef } from 'react';
import type { BranchFigures, LayoutNode } from '../types';

export function NodeNote({
  node,
  figures,
  onClose,
}: {
  node: LayoutNode;
  figures: ReadonlyMap<string, BranchFigures>;
  onClose: () => void;
}) {
  const edges = [...figures.values()]
    .flatMap((f) => f.edges)
    .filter((e) => e.child === node.id || e.parent === node.id);
  const ref = useRef<HTMLElement>(null);
  // The note opens above the trees: take focus there, and give it back to the node when it closes.
  useEffect(() => {
    void node.id;
    const active = document.activeElement;
    const previous = active instanceof HTMLElement || active instanceof SVGElement ? active : null;
    ref.current?.focus();
    return () => previous?.focus();
  }, [node.id]);
  return (
    <aside className="note" aria-label={`About ${node.name}`} ref={ref} tabIndex={-1}>
      <button type="button" className="link close" onClick={onClose}>
        close
      </button>
      <strong>{node.name}</strong> <span className="muted">({node.id})</span>
      <p>
        {node.techniques.join(', ') || 'no technique'}
        {node.sensors
          ? ` · witnessed by ${node.witnesses ?? 0} witness(es) on ${node.sensors.join(', ') || 'no sensor'}`
          : ''}
      </p>
      <ul>
        {edges.map((e) => (
          <li key={`${e.parent}→${e.child}`}>
            {e.parent} → {e.child}: {e.wentOn} of {e.entered} actors; P = {e.probability.toFixed(2)} (95%{' '}
            {e.interval[0].toFixed(2)}–{e.interval[1].toFixed(2)})
            {e.medianStepSeconds === undefined ? '' : `; median step ${e.medianStepSeconds} s`}
          </li>
        ))}
      </ul>
    </aside>
  );
}
