/**
 * The attack trees heating up: every branch of the model, coloured by the actors that walked it in the
 * chosen window; a time slider replays how the heat built up (figures until the chosen moment).
 */
import type { BranchFigures, BranchLayout, LayoutNode, Session } from '../types';
import { TreeView } from './TreeView';

export interface TreesProps {
  layouts: readonly BranchLayout[];
  figures: ReadonlyMap<string, BranchFigures>;
  leafStatus: ReadonlyMap<string, string>;
  selectedSession: Session | undefined;
  onSelectNode: (node: LayoutNode) => void;
}

export function Trees({ layouts, figures, leafStatus, selectedSession, onSelectNode }: TreesProps) {
  const ordered = [...layouts].sort(
    (a, b) => (figures.get(b.branch)?.entered ?? 0) - (figures.get(a.branch)?.entered ?? 0),
  );
  return (
    <div className="trees">
      {ordered.map((layout) => {
        const f = figures.get(layout.branch);
        return (
          <figure key={layout.branch} className="tree-card" data-tree={layout.branch}>
            <figcaption>
              <strong>{layout.branch}</strong> — {layout.goal}
              <span className="muted">
                {' '}
                · {f?.entered ?? 0} actor{f?.entered === 1 ? '' : 's'} entered · {f?.goal ?? 0} reached the
                goal · P(goal | entered) {(f?.goalProbability ?? 0).toFixed(2)}
              </span>
            </figcaption>
            <div className="scroll">
              <TreeView
                layout={layout}
                figures={f}
                leafStatus={leafStatus}
                path={selectedSession?.branches.find((b) => b.branch === layout.branch)?.nodes}
                onSelect={onSelectNode}
              />
            </div>
          </figure>
        );
      })}
    </div>
  );
}
