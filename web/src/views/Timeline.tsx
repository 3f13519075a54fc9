/** Witnessing hits in observation-time order; each opens its observation. */
import { useState } from 'react';
import type { Hit } from '../types';
import { ObservationView } from './ObservationView';

export function Timeline({ hits }: { hits: readonly Hit[] }) {
  const [open, setOpen] = useState<string | null>(null);
  if (hits.length === 0) return <p className="muted">No witnessed steps.</p>;
  return (
    <ol className="timeline">
      {hits.map((hit) => {
        const key = `${hit.indicator}|${hit.observation}`;
        return (
          <li key={key} data-leaf={hit.leaf}>
            <button
              type="button"
              className="link"
              onClick={() => setOpen(open === key ? null : key)}
              aria-expanded={open === key}
            >
              {hit.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} · {hit.branch} › {hit.leaf}
            </button>
            <span className="muted"> witness {hit.witness}</span>
            {open === key ? <ObservationView id={hit.observation} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
