/**
 * One stored observation, read for people: per STIX object the fields an analyst looks at first
 * (command lines, files, addresses and ports, API verbs and URIs, user agents), then the raw objects.
 * Every value is attacker-controlled and rendered as text.
 */
import { useEffect, useState } from 'react';
import { getJson } from '../api';
import type { Observation } from '../types';
import { Truncated } from './Truncated';

const FIELDS = [
  'command_line',
  'cwd',
  'name',
  'value',
  'path',
  'verb',
  'request_uri',
  'user_agent',
  'username',
  'namespace',
  'resource',
  'src_port',
  'dst_port',
  'protocols',
  'source',
  'kind',
] as const;

function summary(object: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  for (const field of FIELDS) {
    const value = object[field];
    if (value === undefined || value === null) continue;
    out.push([field, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  return out;
}

export function ObservationView({ id }: { id: string }) {
  const [observation, setObservation] = useState<Observation | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getJson<Observation>(`/api/v1/observations/${encodeURIComponent(id)}`).then(
      setObservation,
      (e: unknown) => setError(String(e)),
    );
  }, [id]);
  if (error) return <p className="muted">The raw observation is no longer kept ({error}).</p>;
  if (!observation) return <p className="muted">Loading…</p>;
  const objects = observation.objects.filter((o) => o['type'] !== 'observed-data');
  return (
    <div className="observation" data-observation={observation.id}>
      <p className="muted">
        {observation.source} · {observation.kind} · {observation.time}
        {observation.cluster ? ` · ${observation.cluster}` : ''}
      </p>
      <dl className="fields">
        {objects.flatMap((object, i) =>
          summary(object).map(([field, value]) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: objects have no stable key of their own.
            <div key={`${i}-${field}`} className="field">
              <dt>
                {String(object['type'])}.{field}
              </dt>
              <dd>
                <Truncated value={value} />
              </dd>
            </div>
          )),
        )}
      </dl>
      <details>
        <summary>Raw STIX objects</summary>
        <pre className="raw">{JSON.stringify(observation.objects, null, 2)}</pre>
      </details>
    </div>
  );
}
