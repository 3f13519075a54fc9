/**
 * One stored observation, read for people: per STIX object the fields an analyst looks at first
 * (command lines, files, addresses and ports, API verbs and URIs, user agents), then the raw objects.
 * Every value is attacker-controlled and rendered as text.
 */
import { useEffect, useState } from 'react';
import { getJson } from '../api';
import type { Observation } from '../types';
import { Truncated, visibleBidi } from './Truncated';

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

/** The sensor's own record, kept as an `artifact` (base64 UTF-8 JSON), pretty-printed when it parses. */
function rawRecord(objects: readonly Record<string, unknown>[]): string | undefined {
  const payload = objects.find((o) => o['type'] === 'artifact')?.['payload_bin'];
  if (typeof payload !== 'string') return undefined;
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  } catch {
    return undefined;
  }
}

/**
 * How to call each object: processes by their place in the lineage (the event's process, its parent,
 * grandparent…), everything else by its STIX type.
 */
function labels(objects: readonly Record<string, unknown>[]): Map<Record<string, unknown>, string> {
  const byId = new Map(objects.map((o) => [String(o['id']), o]));
  const parents = new Set(
    objects.map((o) => o['parent_ref']).filter((r): r is string => typeof r === 'string'),
  );
  const out = new Map<Record<string, unknown>, string>();
  const leaf = objects.find((o) => o['type'] === 'process' && !parents.has(String(o['id'])));
  let current = leaf;
  const names = ['process', 'parent process', 'grandparent process'];
  for (let depth = 0; current && depth < 8; depth += 1) {
    out.set(current, names[depth] ?? `ancestor process ${depth}`);
    const parent = current['parent_ref'];
    current = typeof parent === 'string' ? byId.get(parent) : undefined;
  }
  for (const o of objects) if (!out.has(o)) out.set(o, String(o['type']));
  return out;
}

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
  const objects = observation.objects.filter(
    (o) => o['type'] !== 'observed-data' && o['type'] !== 'artifact',
  );
  const label = labels(objects);
  const raw = rawRecord(observation.objects);
  return (
    <div className="observation" data-observation={observation.id}>
      <p className="muted">
        {observation.source} · {observation.kind} · {observation.time}
        {observation.cluster ? ' · ' : ''}
        {observation.cluster ? <Truncated value={observation.cluster} limit={80} /> : null}
      </p>
      <dl className="fields">
        {objects.flatMap((object, i) =>
          summary(object).map(([field, value]) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: objects have no stable key of their own.
            <div key={`${i}-${field}`} className="field">
              <dt>
                {label.get(object)}.{field}
              </dt>
              <dd>
                <Truncated value={value} />
              </dd>
            </div>
          )),
        )}
      </dl>
      {raw === undefined ? null : (
        <details>
          <summary>Raw sensor event</summary>
          <pre className="raw">{visibleBidi(raw)}</pre>
        </details>
      )}
      <details>
        <summary>STIX objects</summary>
        <pre className="raw">{visibleBidi(JSON.stringify(observation.objects, null, 2))}</pre>
      </details>
    </div>
  );
}
