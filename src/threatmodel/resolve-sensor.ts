/**
 * Turns a witness's sensor, as written (often just `tetragon` or `audit`), into the full sensor it relies
 * on: what the author left out is read from the pattern's necessary conditions (the hook it compares, the
 * resource and verb it needs). Then checks that the sensor's events can satisfy the pattern at all.
 */
import type { ObservationFacts } from './pattern-facts.js';
import type {
  AuditLevel,
  AuditSensor,
  FalcoSensor,
  KubescapeSensor,
  SensorKind,
  TetragonSensor,
  WitnessSensor,
} from './types.js';
import { AUDIT_LEVELS } from './types.js';

/** The outcome: a sensor, or why none can be formed. */
export type SensorResolution = { sensor: WitnessSensor } | { problem: string };

/** The `x-kstorm-event:source` value of each sensor's events. */
export const SENSOR_SOURCE: Readonly<Record<SensorKind, string>> = {
  tetragon: 'tetragon',
  audit: 'k8s-audit',
  falco: 'falco',
  kubescape: 'kubescape',
};

/** Object types whose presence in a `[ … ]` means the pattern reads an audited API request. */
const API_TYPES = new Set(['x-k8s-api-request', 'x-k8s-object']);
/** Object types only runtime sensors produce. */
const RUNTIME_TYPES = new Set(['process', 'file', 'directory', 'network-traffic', 'x-k8s-container']);

/** Strips Tetragon's architecture prefix: syscalls are reported as `__x64_sys_X` / `__arm64_sys_X`. */
export function syscallBase(hook: string): string {
  return hook.replace(/^__(x64|arm64|ia32)_/, '');
}

export function resolveSensor(written: unknown, facts: readonly ObservationFacts[]): SensorResolution {
  const [kind, body] = splitSensor(written);
  switch (kind) {
    case 'tetragon':
      return tetragon(body, facts);
    case 'audit':
      return audit(body, facts);
    case 'falco':
      return falco(body, facts);
    case 'kubescape':
      return kubescape(body, facts);
    default:
      return { problem: 'the sensor must be one of tetragon, audit, falco, kubescape' };
  }
}

function splitSensor(written: unknown): [string, unknown] {
  if (typeof written === 'string') return [written, undefined];
  if (written && typeof written === 'object') {
    const [entry] = Object.entries(written);
    if (entry) return entry;
  }
  return ['', undefined];
}

/** Values every `[ … ]` of the pattern allows for a path (from any of the given paths), or undefined. */
function allowed(facts: readonly ObservationFacts[], paths: readonly string[]): string[] | undefined {
  const values = new Set<string>();
  let constrainedEverywhere = facts.length > 0;
  for (const observation of facts) {
    const constraint = paths.map((p) => observation.constraints.get(p)).find(Boolean);
    if (!constraint || constraint.equals.length === 0) constrainedEverywhere = false;
    for (const v of constraint?.equals ?? []) values.add(String(v));
  }
  return constrainedEverywhere ? [...values] : undefined;
}

function tetragon(body: unknown, facts: readonly ObservationFacts[]): SensorResolution {
  const given = typeof body === 'string' ? { hook: body } : ((body ?? {}) as Record<string, unknown>);
  const patternHooks = allowed(facts, ['x-kstorm-event:hook']);
  let hook = typeof given['hook'] === 'string' ? given['hook'] : undefined;
  const kinds = allowed(facts, ['x-kstorm-event:kind']);
  if (
    hook === undefined &&
    patternHooks === undefined &&
    kinds?.length === 1 &&
    BUILT_IN_EVENTS.has(kinds[0] ?? '')
  ) {
    // Tetragon emits process_exec / process_exit for every process, with no policy to arm.
    return { sensor: { kind: 'tetragon', hook: kinds[0] as string, hookType: 'event' } };
  }
  if (hook === undefined) {
    const bases = [...new Set((patternHooks ?? []).map(syscallBase))];
    if (bases.length !== 1) {
      return {
        problem:
          bases.length === 0
            ? "a tetragon witness needs a hook: name it in sensor.tetragon.hook, or compare x-kstorm-event:hook (or x-kstorm-event:kind = 'process_exec') in the pattern"
            : `the pattern allows several hooks (${bases.join(', ')}): name one in sensor.tetragon.hook or write one witness per hook`,
      };
    }
    hook = patternHooks?.find((h) => syscallBase(h) === bases[0]) ?? bases[0] ?? '';
  } else if (patternHooks && !patternHooks.some((h) => syscallBase(h) === syscallBase(hook as string))) {
    return {
      problem: `sensor.tetragon.hook ${JSON.stringify(hook)} is not a hook the pattern accepts (${patternHooks.join(', ')}): its events could never match`,
    };
  }
  const type = given['type'];
  const hookType =
    type === 'tracepoint' || type === 'lsm' || type === 'kprobe'
      ? type
      : hook.includes('/')
        ? 'tracepoint'
        : 'kprobe';
  const sensor: TetragonSensor = {
    kind: 'tetragon',
    hook,
    hookType,
    ...pick(given, [
      'syscall',
      'args',
      'returnArg',
      'paths',
      'pathPrefixes',
      'binaries',
      'ports',
      'addressParameters',
    ]),
  };
  return { sensor };
}

/** Tetragon event kinds that need no TracingPolicy. */
export const BUILT_IN_EVENTS: ReadonlySet<string> = new Set(['process_exec', 'process_exit']);

const REQUEST_PATHS = ['x-k8s-api-request:', 'x-kstorm-event:request_ref.'];

function audit(body: unknown, facts: readonly ObservationFacts[]): SensorResolution {
  const given = (body ?? {}) as Record<string, unknown>;
  const field = (name: string): string[] => REQUEST_PATHS.map((prefix) => `${prefix}${name}`);
  const needsBody = facts.some((o) =>
    [...o.paths].some((p) => REQUEST_PATHS.some((prefix) => p.startsWith(`${prefix}request_object`))),
  );
  const needed: AuditLevel = needsBody ? 'RequestResponse' : 'Metadata';
  const written = given['level'] as AuditLevel | undefined;
  if (written && AUDIT_LEVELS.indexOf(written) < AUDIT_LEVELS.indexOf(needed)) {
    return {
      problem: `the pattern reads request bodies (request_object), which the audit log carries only at level RequestResponse; sensor.audit.level is ${written}`,
    };
  }
  let resources = resourcesOf(given['resources']);
  if (resources.length === 0) {
    const names = allowed(facts, field('object_ref.resource'));
    const subresources = allowed(facts, field('object_ref.subresource'));
    const groups = allowed(facts, field('object_ref.api_group'));
    if (names) {
      const withSub = subresources ? names.flatMap((n) => subresources.map((s) => `${n}/${s}`)) : names;
      resources = (groups ?? ['']).map((group) => ({ group, resources: withSub }));
    }
  }
  const verbs = Array.isArray(given['verbs'])
    ? (given['verbs'] as string[])
    : (allowed(facts, field('verb')) ?? []);
  const namespaces = Array.isArray(given['namespaces'])
    ? (given['namespaces'] as string[])
    : (allowed(facts, field('object_ref.namespace')) ?? []);
  const sensor: AuditSensor = { kind: 'audit', resources, verbs, namespaces, level: written ?? needed };
  return { sensor };
}

function resourcesOf(value: unknown): AuditSensor['resources'] {
  if (!Array.isArray(value)) return [];
  const byGroup = new Map<string, string[]>();
  for (const entry of value) {
    const [group, names] =
      typeof entry === 'string'
        ? ['', [entry]]
        : [String((entry as { group?: unknown }).group ?? ''), (entry as { resources: string[] }).resources];
    byGroup.set(group, [...(byGroup.get(group) ?? []), ...names]);
  }
  return [...byGroup].map(([group, resources]) => ({ group, resources }));
}

function falco(body: unknown, facts: readonly ObservationFacts[]): SensorResolution {
  const given = typeof body === 'string' ? { rule: body } : ((body ?? {}) as Record<string, unknown>);
  let rule = typeof given['rule'] === 'string' ? given['rule'] : undefined;
  const names = allowed(facts, ['x-kstorm-event:rule_name']);
  if (rule === undefined) {
    if (names?.length !== 1) {
      return {
        problem:
          'a falco witness needs a rule: name it in sensor.falco.rule or compare x-kstorm-event:rule_name in the pattern',
      };
    }
    rule = names[0] as string;
  } else if (names && !names.includes(rule)) {
    return {
      problem: `sensor.falco.rule ${JSON.stringify(rule)} is not a rule name the pattern accepts: its alerts could never match`,
    };
  }
  const source = given['source'] === 'k8s_audit' ? 'k8s_audit' : 'syscall';
  const sensor: FalcoSensor = {
    kind: 'falco',
    rule,
    source,
    tags: Array.isArray(given['tags']) ? (given['tags'] as string[]) : [],
    ...pick(given, ['condition', 'output', 'priority']),
  };
  return { sensor };
}

function kubescape(body: unknown, facts: readonly ObservationFacts[]): SensorResolution {
  const given = typeof body === 'string' ? body : (body as { rule?: string } | undefined)?.rule;
  const ids = allowed(facts, ['x-kstorm-event:rule_id']);
  const rule = given ?? (ids?.length === 1 ? ids[0] : undefined);
  if (rule === undefined) {
    return {
      problem:
        'a kubescape witness needs a rule id: name it (kubescape: R0002) or compare x-kstorm-event:rule_id in the pattern',
    };
  }
  if (ids && !ids.includes(rule)) {
    return {
      problem: `the Kubescape rule ${rule} is not a rule id the pattern accepts: its alerts could never match`,
    };
  }
  const sensor: KubescapeSensor = { kind: 'kubescape', rule };
  return { sensor };
}

/**
 * Can events of this sensor satisfy the pattern? Each `[ … ]` that pins `x-kstorm-event:source` must allow
 * the sensor's source, and no `[ … ]` may read objects the sensor never produces.
 */
export function sensorMismatch(
  sensor: Pick<WitnessSensor, 'kind'> & { source?: string },
  facts: readonly ObservationFacts[],
): string | undefined {
  const source = SENSOR_SOURCE[sensor.kind];
  for (const observation of facts) {
    const sources = observation.constraints.get('x-kstorm-event:source');
    if (sources && sources.equals.length > 0 && !sources.equals.includes(source)) {
      return `the pattern requires x-kstorm-event:source ${sources.equals.map((s) => `'${s}'`).join(' or ')}, but a ${sensor.kind} sensor's events have source '${source}'`;
    }
    const type = observation.objectType;
    const apiOnly = sensor.kind === 'audit' || (sensor.kind === 'falco' && sensor.source === 'k8s_audit');
    if (apiOnly && RUNTIME_TYPES.has(type)) {
      return `the pattern reads ${type} objects, which ${sensor.kind === 'audit' ? 'the audit log' : 'Falco k8s_audit alerts'} never produce`;
    }
    if (!apiOnly && API_TYPES.has(type)) {
      return `the pattern reads ${type} objects, which only the audit log (or Falco k8s_audit rules) produce, not a ${sensor.kind} sensor`;
    }
  }
  return undefined;
}

function pick(from: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}
