/** Incidents: the list, and one with its path, techniques, severity, timeline and STIX export. */
import { useEffect, useState } from 'react';
import { download, getJson } from '../api';
import type { Incident, SessionDetail } from '../types';
import { Timeline } from './Timeline';

export function Incidents({ incidents, version }: { incidents: readonly Incident[]; version: number }) {
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<{ incident: Incident; session: SessionDetail | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (selected === null) return;
    void version;
    let current = true;
    getJson<{ incident: Incident; session: SessionDetail | null }>(
      `/api/v1/incidents/${encodeURIComponent(selected)}`,
    ).then(
      (d) => {
        if (!current) return;
        setDetail(d);
        setError(null);
      },
      (e: unknown) => current && setError(String(e)),
    );
    return () => {
      current = false;
    };
  }, [selected, version]);
  const ordered = [...incidents].sort((a, b) => (a.updated < b.updated ? 1 : -1));
  return (
    <div className="split">
      <section aria-label="Incidents" className="list">
        <h2>Incidents ({incidents.length})</h2>
        {incidents.length === 0 ? <p className="muted">No incident yet.</p> : null}
        <ul className="rows">
          {ordered.map((i) => (
            <li key={i.id}>
              <button
                type="button"
                className={`row${i.id === selected ? ' selected' : ''}`}
                data-incident={i.id}
                aria-pressed={i.id === selected}
                onClick={() => setSelected(i.id)}
              >
                <span className={`severity ${i.severity}`}>{i.severity}</span> <strong>{i.branch}</strong> ·{' '}
                {Math.round(i.fraction * 100)}%{i.goalReached ? ' · goal reached' : ''}
                <br />
                <span className="muted">{i.updated}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Incident detail" className="detail">
        {error ? <p className="error">{error}</p> : null}
        {detail && detail.incident.id === selected ? (
          <div data-incident-detail={detail.incident.id}>
            <h2>
              <span className={`severity ${detail.incident.severity}`}>{detail.incident.severity}</span>{' '}
              {detail.incident.branch}
            </h2>
            <p className="muted">
              opened {detail.incident.opened} · updated {detail.incident.updated} · actor{' '}
              {detail.incident.session}
            </p>
            <h3>Path</h3>
            <ol className="path">
              {detail.incident.leaves.map((leaf) => (
                <li key={leaf}>{leaf}</li>
              ))}
            </ol>
            <h3>Techniques</h3>
            <p>{detail.incident.techniques.join(', ') || '—'}</p>
            <p>
              <button
                type="button"
                onClick={() =>
                  void download(
                    `/api/v1/incidents/${encodeURIComponent(detail.incident.id)}/stix`,
                    `${detail.incident.id}.stix.json`,
                  ).catch((e: unknown) => setError(String(e)))
                }
              >
                Export STIX bundle
              </button>
            </p>
            <h3>Timeline</h3>
            <Timeline
              hits={(detail.session?.timeline ?? []).filter((h) => h.branch === detail.incident.branch)}
            />
          </div>
        ) : (
          <p className="muted">Choose an incident.</p>
        )}
      </section>
    </div>
  );
}
