/**
 * The attack trees heating up: every branch of the model, coloured by the actors that walked it in the
 * chosen window; a time slider replays how the heat built up (figures until the chosen moment).
 */
import { saveFile } from '../api';
import type { BranchFigures, BranchLayout, LayoutNode, Session } from '../types';
import { TreeView } from './TreeView';

export interface TreesProps {
  layouts: readonly BranchLayout[];
  figures: ReadonlyMap<string, BranchFigures>;
  leafStatus: ReadonlyMap<string, string>;
  selectedSession: Session | undefined;
  onSelectNode: (node: LayoutNode) => void;
}

/** The styles an exported tree needs, since the page's stylesheet does not travel with it. */
const EXPORT_STYLE =
  'text{font-family:Helvetica,Arial,sans-serif;font-size:12px}.gate-word,.live,.step{font-weight:bold}.tech{font-family:monospace}.edge-figure{font-size:10px;fill:#444}';

/** The tree as drawn now (heat, counts, the selected path) as a standalone SVG file. */
function exportSvg(branch: string): void {
  const svg = document.querySelector(`[data-tree="${CSS.escape(branch)}"] svg.tree`);
  if (!svg) return;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = EXPORT_STYLE;
  copy.insertBefore(style, copy.firstChild);
  saveFile(new XMLSerializer().serializeToString(copy), 'image/svg+xml', `${branch}.svg`);
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
              <button type="button" className="link export" onClick={() => exportSvg(layout.branch)}>
                Download SVG
              </button>
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
