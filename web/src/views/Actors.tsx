/** Actor sessions: the list, and for the chosen one its path on each tree it entered and its timeline. */
import { useEffect, useState } from 'react';
import { getJson } from '../api';
import type { BranchFigures, BranchLayout, Session, SessionDetail } from '../types';
import { Timeline } from './Timeline';
import { TreeView } from './TreeView';
import { Truncated } from './Truncated';

export interface ActorsProps {
  sessions: readonly Session[];
  selected: string | null;
  onSelect: (id: string) => void;
  layouts: readonly BranchLayout[];
  figures: ReadonlyMap<string, BranchFigures>;
  leafStatus: ReadonlyMap<string, string>;
  /** Bumped on every live update, so the open timeline refreshes too. */
  version: number;
}

export function Actors({ sessions, selected, onSelect, layouts, figures, leafStatus, version }: ActorsProps) {
  const [detail, setDetail] = useState<SessionDetail | null>(null);
  useEffect(() => {
    if (selected === null) return;
    void version;
    getJson<SessionDetail>(`/api/v1/sessions/${encodeURIComponent(selected)}`).then(setDetail, () =>
      setDetail(null),
    );
  }, [selected, version]);
  return (
    <div className="split">
      <section aria-label="Actor sessions" className="list">
        <h2>Actors ({sessions.length})</h2>
        {sessions.length === 0 ? <p className="muted">No actor has tripped a witness yet.</p> : null}
        <ul className="rows">
          {sessions.map((s) => (
            <li key={s.id} className={`row${s.id === selected ? ' selected' : ''}`}>
              <button
                type="button"
                className="link row-button"
                data-session={s.id}
                aria-pressed={s.id === selected}
                onClick={() => onSelect(s.id)}
              >
                <span
                  className={`dot ${s.active ? 'active' : 'idle'}`}
                  title={s.active ? 'active' : 'idle'}
                />
                <span className="sr-only">{s.active ? 'active' : 'idle'} </span>
                <strong>{s.id}</strong> · {s.leaves.length} step{s.leaves.length === 1 ? '' : 's'} ·{' '}
                {s.branches.map((b) => `${b.branch} ${Math.round(b.fraction * 100)}%`).join(', ')}
              </button>
              <br />
              <span className="muted">
                <Truncated value={s.keys.join('  ')} limit={90} />
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Actor detail" className="detail">
        {detail && detail.id === selected ? (
          <>
            <h2>{detail.id}</h2>
            <p className="muted">
              {detail.first} → {detail.last} · {detail.active ? 'active' : 'idle'} · clusters:{' '}
              <Truncated value={detail.clusters.join(', ') || '—'} limit={80} />
            </p>
            <h3>Keys</h3>
            <ul className="keys">
              {detail.keys.map((k) => (
                <li key={k}>
                  <Truncated value={k} limit={100} />
                </li>
              ))}
            </ul>
            {detail.branches.map((b) => {
              const layout = layouts.find((l) => l.branch === b.branch);
              return layout ? (
                <figure key={b.branch} className="tree-card">
                  <figcaption>
                    {b.branch}: {Math.round(b.fraction * 100)}% {b.done ? '(goal reached)' : ''}
                  </figcaption>
                  <div className="scroll">
                    <TreeView
                      layout={layout}
                      figures={figures.get(b.branch)}
                      leafStatus={leafStatus}
                      path={b.nodes}
                    />
                  </div>
                </figure>
              ) : null;
            })}
            <h3>Timeline</h3>
            <Timeline hits={detail.timeline} />
            {detail.dropped > 0 ? <p className="muted">{detail.dropped} more steps not kept.</p> : null}
          </>
        ) : (
          <p className="muted">Choose an actor to see its path through the trees and its timeline.</p>
        )}
      </section>
    </div>
  );
}
