/** A value from an event: text only, cut to `limit` characters with a button to see it whole. */
import { useState } from 'react';

export function Truncated({ value, limit = 120 }: { value: string; limit?: number }) {
  const [whole, setWhole] = useState(false);
  if (value.length <= limit) return <span className="value">{value}</span>;
  return (
    <span className="value">
      {whole ? value : `${value.slice(0, limit)}…`}{' '}
      <button type="button" className="link" onClick={() => setWhole(!whole)} aria-expanded={whole}>
        {whole ? 'show less' : `show all ${value.length} characters`}
      </button>
    </span>
  );
}
