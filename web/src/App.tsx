/**
 * The storm center dashboard: headline figures and the storm level on top; the attack trees (live, with
 * a window and a time slider), actors, incidents and coverage as tabs. Data comes from the JSON API and
 * is refreshed when the live feed says something changed.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { follow, getJson, Unauthorised } from './api';
import { LEVEL_COLOUR } from './colours';
import type {
  BranchFigures,
  BranchLayout,
  Figures,
  Incident,
  LayoutNode,
  Overview,
  Session,
  TechniqueCoverage,
} from './types';
import { Actors } from './views/Actors';
import { Coverage } from './views/Coverage';
import { Figure } from './views/Figure';
import { Incidents } from './views/Incidents';
import { NodeNote } from './views/NodeNote';
import { TokenForm } from './views/TokenForm';
import { Trees } from './views/Trees';

type Tab = 'trees' | 'actors' | 'incidents' | 'coverage';
type Window = 'all' | 'hour' | 'day' | 'week';
const TABS: { id: Tab; label: string }[] = [
  { id: 'trees', label: 'Attack trees' },
  { id: 'actors', label: 'Actors' },
  { id: 'incidents', label: 'Incidents' },
  { id: 'coverage', label: 'Coverage' },
];

const DAY_MS = 86_400_000;
const WINDOW_MS: Record<Exclude<Window, 'all'>, number> = { hour: 3_600_000, day: DAY_MS, week: 7 * DAY_MS };

/** RFC 3339 with nanoseconds → milliseconds since the epoch. */
const millis = (t: string | null | undefined) =>
  t ? Date.parse(t.replace(/(\.\d{3})\d*Z$/, '$1Z')) : Number.NaN;

export function App() {
  const [tab, setTab] = useState<Tab>('trees');
  const [overview, setOverview] = useState<Overview | null>(null);
  const [layouts, setLayouts] = useState<BranchLayout[]>([]);
  const [figures, setFigures] = useState<Map<string, BranchFigures>>(new Map());
  const [sessions, setSessions] = useState<Session[]>([]);
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [coverage, setCoverage] = useState<TechniqueCoverage[]>([]);
  const [window, setWindow] = useState<Window>('all');
  /** The end of the figures' window, ms since the epoch; null is "now" (live). */
  const [untilMs, setUntilMs] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [node, setNode] = useState<LayoutNode | null>(null);
  const [version, setVersion] = useState(0);
  /** Bumped when a token is entered, so everything fetched before is fetched again with it. */
  const [authVersion, setAuthVersion] = useState(0);
  const [needToken, setNeedToken] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sequence = useRef(0);

  // The slider spans the kept observations, at most the last 31 days (one backdated record must not
  // stretch it over years).
  const to = millis(overview?.now);
  const from = Math.max(millis(overview?.since), to - 31 * DAY_MS);
  const span = to > from ? to - from : 0;
  const position = untilMs === null || span === 0 ? 1000 : Math.round(((untilMs - from) / span) * 1000);
  const until = untilMs === null ? undefined : new Date(untilMs).toISOString();

  const refresh = useCallback(async () => {
    // Answers can come back out of order: only the latest request's may land.
    const mine = ++sequence.current;
    try {
      const scope = new URLSearchParams();
      if (untilMs !== null) {
        scope.set('until', new Date(untilMs).toISOString());
        if (window !== 'all') scope.set('since', new Date(untilMs - WINDOW_MS[window]).toISOString());
      } else if (window !== 'all') scope.set('window', window);
      const [o, f, s, i, c] = await Promise.all([
        getJson<Overview>('/api/v1/overview'),
        getJson<Figures>(`/api/v1/branches?${scope}`),
        getJson<Session[]>('/api/v1/sessions'),
        getJson<Incident[]>('/api/v1/incidents'),
        getJson<TechniqueCoverage[]>('/api/v1/coverage'),
      ]);
      if (mine !== sequence.current) return;
      setOverview(o);
      setFigures(new Map(f.branches.map((b) => [b.branch, b])));
      setSessions(s);
      setIncidents(i);
      setCoverage(c);
      setVersion((v) => v + 1);
      setError(null);
    } catch (e) {
      if (mine !== sequence.current) return;
      if (e instanceof Unauthorised) setNeedToken(true);
      else setError(String(e));
    }
  }, [window, untilMs]);
  const latestRefresh = useRef(refresh);
  latestRefresh.current = refresh;

  useEffect(() => {
    void authVersion;
    getJson<BranchLayout[]>('/api/v1/layout').then(setLayouts, (e: unknown) =>
      e instanceof Unauthorised ? setNeedToken(true) : setError(String(e)),
    );
  }, [authVersion]);
  useEffect(() => {
    void authVersion;
    void refresh();
  }, [refresh, authVersion]);
  // Live: one feed for the page; a change refreshes the figures at most once a second.
  useEffect(() => {
    void authVersion;
    const controller = new AbortController();
    void follow(() => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        void latestRefresh.current();
      }, 1000);
    }, controller.signal);
    return () => {
      controller.abort();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [authVersion]);

  // Replay: walk the window's end from the first observation to now in about fifteen seconds.
  useEffect(() => {
    if (!playing || span === 0) return;
    const step = setInterval(() => {
      setUntilMs((t) => {
        const next = (t ?? from) + span / 100;
        if (next >= to) {
          setPlaying(false);
          return null;
        }
        return next;
      });
    }, 150);
    return () => clearInterval(step);
  }, [playing, from, to, span]);

  const leafStatus = useMemo(() => {
    const m = new Map<string, string>();
    for (const t of coverage) for (const l of t.leaves) m.set(l.id, l.status);
    return m;
  }, [coverage]);
  const selectedSession = sessions.find((s) => s.id === selected);

  if (needToken)
    return (
      <TokenForm
        onToken={() => {
          setNeedToken(false);
          setAuthVersion((v) => v + 1);
        }}
      />
    );
  const level = overview?.storm.level ?? 'green';
  return (
    <div className="app" data-version={version}>
      <header>
        <h1>kstorm</h1>
        <p className={`storm ${level}`} aria-live="polite">
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="6" fill={LEVEL_COLOUR[level]} />
          </svg>{' '}
          Storm level <strong data-storm-level={level}>{level}</strong>
          <span className="muted"> — {overview?.storm.reason ?? 'loading'}</span>
        </p>
        <dl className="headline">
          <Figure label="observations/s" value={overview?.observationsPerSecond ?? 0} />
          <Figure label="observations" value={overview?.observations ?? 0} />
          <Figure
            label="actors active"
            value={`${overview?.activeSessions ?? 0} / ${overview?.sessions ?? 0}`}
          />
          <Figure label="incidents" value={overview?.incidents ?? 0} />
          <Figure label="dead letters" value={overview?.deadLetters ?? 0} />
        </dl>
      </header>
      <nav aria-label="Views" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            aria-pressed={tab === t.id}
            onClick={() => setTab(t.id)}
            data-tab={t.id}
          >
            {t.label}
            {t.id === 'actors'
              ? ` (${sessions.length})`
              : t.id === 'incidents'
                ? ` (${incidents.length})`
                : ''}
          </button>
        ))}
        <span className="muted clock">
          model {overview?.model ?? '…'} · center clock {overview?.now ?? '—'}
        </span>
      </nav>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <main>
        {tab === 'trees' ? (
          <>
            <div className="controls">
              <label>
                Window{' '}
                <select value={window} onChange={(e) => setWindow(e.target.value as Window)}>
                  <option value="all">everything kept</option>
                  <option value="hour">last hour</option>
                  <option value="day">last day</option>
                  <option value="week">last week</option>
                </select>
              </label>
              <label className="slider">
                Replay the heat{' '}
                <input
                  type="range"
                  min={0}
                  max={1000}
                  value={position}
                  disabled={span === 0}
                  onChange={(e) => {
                    const v = Number(e.target.value);
                    setPlaying(false);
                    setUntilMs(v >= 1000 ? null : from + (span * v) / 1000);
                  }}
                  aria-valuetext={until ?? 'now'}
                />{' '}
                <span data-until={until ?? 'live'}>{until ?? 'live'}</span>
              </label>
              <button
                type="button"
                disabled={span === 0}
                onClick={() => {
                  if (!playing) setUntilMs(from);
                  setPlaying(!playing);
                }}
                aria-pressed={playing}
              >
                {playing ? 'Pause' : 'Play from the start'}
              </button>
              {selectedSession ? (
                <span>
                  Showing {selectedSession.id}'s path{' '}
                  <button type="button" className="link" onClick={() => setSelected(null)}>
                    clear
                  </button>
                </span>
              ) : null}
            </div>
            {node ? <NodeNote node={node} figures={figures} onClose={() => setNode(null)} /> : null}
            <Trees
              layouts={layouts}
              figures={figures}
              leafStatus={leafStatus}
              selectedSession={selectedSession}
              onSelectNode={setNode}
            />
          </>
        ) : null}
        {tab === 'actors' ? (
          <Actors
            sessions={sessions}
            selected={selected}
            onSelect={setSelected}
            layouts={layouts}
            figures={figures}
            leafStatus={leafStatus}
            version={version}
          />
        ) : null}
        {tab === 'incidents' ? <Incidents incidents={incidents} version={version} /> : null}
        {tab === 'coverage' ? <Coverage techniques={coverage} /> : null}
      </main>
    </div>
  );
}
