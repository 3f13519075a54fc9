/**
 * ATT&CK-style coverage of the threat model: one column per tactic, one cell per technique, marked
 * witnessed / armed / blind; switch to the heatmap to colour the same cells by how often they were hit.
 */
import { useState } from 'react';
import { HEAT_SCALE, heat } from '../colours';
import type { TechniqueCoverage } from '../types';

const TACTICS = [
  'Initial Access',
  'Execution',
  'Persistence',
  'Privilege Escalation',
  'Defense Evasion',
  'Credential Access',
  'Discovery',
  'Lateral Movement',
  'Collection',
  'Command and Control',
  'Impact',
];

const MARK = { witnessed: '● witnessed', armed: '◐ armed', blind: '○ blind' } as const;

export function Coverage({ techniques }: { techniques: readonly TechniqueCoverage[] }) {
  const [mode, setMode] = useState<'status' | 'heat'>('status');
  const tactics = [
    ...TACTICS,
    ...new Set(techniques.flatMap((t) => t.tactics).filter((t) => !TACTICS.includes(t))),
  ];
  const columns = tactics
    .map((tactic) => ({ tactic, cells: techniques.filter((t) => t.tactics.includes(tactic)) }))
    .filter((c) => c.cells.length > 0);
  const max = Math.max(1, ...techniques.map((t) => t.sightings));
  const counts = { witnessed: 0, armed: 0, blind: 0 };
  for (const t of techniques) counts[t.status] += 1;
  return (
    <section aria-label="Coverage">
      <h2>Coverage of {techniques.length} techniques</h2>
      <p>
        {counts.witnessed} witnessed · {counts.armed} armed · {counts.blind} blind{' '}
        <span className="toggle">
          <button type="button" aria-pressed={mode === 'status'} onClick={() => setMode('status')}>
            Status
          </button>
          <button type="button" aria-pressed={mode === 'heat'} onClick={() => setMode('heat')}>
            Heatmap
          </button>
        </span>
      </p>
      {mode === 'heat' ? (
        <p className="legend">
          0{' '}
          {HEAT_SCALE.map((c) => (
            <svg key={c} width="18" height="12" aria-hidden="true">
              <rect width="18" height="12" fill={c} />
            </svg>
          ))}{' '}
          {max} hits
        </p>
      ) : null}
      <div className="matrix">
        {columns.map(({ tactic, cells }) => (
          <section key={tactic} className="column" aria-label={tactic}>
            <h3 className="tactic">{tactic}</h3>
            <ul className="rows">
              {cells.map((t) => (
                <li
                  key={t.id}
                  className={`cell ${mode === 'status' ? t.status : ''}`}
                  data-technique={t.id}
                  data-status={t.status}
                >
                  {mode === 'heat' ? (
                    <svg
                      className="cell-heat"
                      width="100%"
                      height="6"
                      aria-hidden="true"
                      preserveAspectRatio="none"
                      viewBox="0 0 10 6"
                    >
                      <rect width="10" height="6" fill={heat(t.sightings, max)} />
                    </svg>
                  ) : null}
                  <details>
                    <summary>
                      <strong>{t.id}</strong> {t.name}
                      <br />
                      <span className="mark">
                        {mode === 'status'
                          ? MARK[t.status]
                          : `${t.sightings} hit${t.sightings === 1 ? '' : 's'}`}
                      </span>
                    </summary>
                    <ul className="leaves">
                      {t.leaves.map((l) => (
                        <li key={`${l.branch}/${l.id}`}>
                          {l.branch} › {l.id}: {l.status} ({l.sensors.join(', ') || 'no sensor'})
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
