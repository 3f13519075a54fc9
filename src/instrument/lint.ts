/**
 * Coverage lint: every leaf has a witness, every witness's sensor is armed, and every armed sensor is
 * used by a witness. It reads instrumentation as documents, so it checks what kstorm just generated as
 * well as a folder that was generated from an older model (drift) or written by hand.
 */
import {
  leavesOf,
  type ModelProblem,
  type SourcePosition,
  syscallBase,
  type ThreatModel,
  type WitnessSensor,
  witnessesOf,
} from '../threatmodel/index.js';
import type { InstrumentProblem } from './types.js';

/** One instrumentation file: its name (for messages) and its YAML documents. */
export interface InstrumentationFile {
  readonly file: string;
  readonly documents: readonly unknown[];
}

/** One armed sensor found in instrumentation: the key witnesses are matched by, and where it is. */
interface ArmedSensor {
  readonly key: string;
  readonly label: string;
  readonly file: string;
}

type Raw = Record<string, unknown>;
const isRaw = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The key an armed sensor and a witness's sensor share when one serves the other. */
function witnessKeys(sensor: WitnessSensor): string[] {
  switch (sensor.kind) {
    case 'tetragon':
      // process_exec / process_exit need no policy: Tetragon always emits them.
      return sensor.hookType === 'event' ? [] : [`tetragon:${syscallBase(sensor.hook)}`];
    case 'falco':
      // Stock rules are armed by Falco itself; only rules kstorm writes appear in instrumentation.
      return sensor.condition === undefined ? [] : [`falco:${sensor.rule}`];
    case 'kubescape':
      return [`kubescape:${sensor.rule}`];
    case 'audit': {
      const verbs = sensor.verbs.length > 0 ? sensor.verbs : ['*'];
      const resources = sensor.resources.flatMap((r) => r.resources.map((x) => `${r.group}/${x}`));
      return (resources.length > 0 ? resources : ['*/*']).flatMap((r) => verbs.map((v) => `audit:${r}:${v}`));
    }
  }
}

/** Armed sensors in TracingPolicies, Falco rule files, Kubescape bindings and audit policies. */
export function armedSensors(files: readonly InstrumentationFile[]): ArmedSensor[] {
  const out: ArmedSensor[] = [];
  for (const { file, documents } of files) {
    for (const doc of documents) {
      if (Array.isArray(doc)) {
        for (const item of doc) {
          if (isRaw(item) && typeof item['rule'] === 'string' && item['condition'] !== undefined) {
            out.push({
              key: `falco:${item['rule']}`,
              label: `Falco rule ${JSON.stringify(item['rule'])}`,
              file,
            });
          }
        }
        continue;
      }
      if (!isRaw(doc)) continue;
      const spec = isRaw(doc['spec']) ? doc['spec'] : {};
      const name = isRaw(doc['metadata']) ? String(doc['metadata']['name'] ?? '') : '';
      if (doc['kind'] === 'TracingPolicy' || doc['kind'] === 'TracingPolicyNamespaced') {
        for (const probe of list(spec['kprobes'])) {
          if (isRaw(probe) && typeof probe['call'] === 'string') {
            out.push({
              key: `tetragon:${syscallBase(probe['call'])}`,
              label: `kprobe ${probe['call']} in TracingPolicy ${name}`,
              file,
            });
          }
        }
        for (const point of list(spec['tracepoints'])) {
          if (isRaw(point)) {
            const hook = `${String(point['subsystem'])}/${String(point['event'])}`;
            out.push({ key: `tetragon:${hook}`, label: `tracepoint ${hook} in TracingPolicy ${name}`, file });
          }
        }
        for (const lsm of list(spec['lsmhooks'])) {
          if (isRaw(lsm) && typeof lsm['hook'] === 'string') {
            out.push({
              key: `tetragon:${lsm['hook']}`,
              label: `LSM hook ${lsm['hook']} in TracingPolicy ${name}`,
              file,
            });
          }
        }
      } else if (doc['kind'] === 'RuntimeRuleAlertBinding') {
        for (const rule of list(spec['rules'])) {
          if (isRaw(rule) && typeof rule['ruleID'] === 'string') {
            out.push({
              key: `kubescape:${rule['ruleID']}`,
              label: `Kubescape rule ${rule['ruleID']} in binding ${name}`,
              file,
            });
          }
        }
      } else if (doc['kind'] === 'Policy' && String(doc['apiVersion']).startsWith('audit.k8s.io/')) {
        for (const [i, rule] of list(doc['rules']).entries()) {
          if (!isRaw(rule) || rule['level'] === 'None') continue;
          const verbs = list(rule['verbs']).map(String);
          const groups = list(rule['resources']).filter(isRaw);
          const resources = groups.flatMap((g) => {
            const names = list(g['resources']).map(String);
            return (names.length > 0 ? names : ['*']).map((r) => `${String(g['group'] ?? '')}/${r}`);
          });
          out.push({
            key: `audit-rule:${JSON.stringify({ resources: resources.length > 0 ? resources : ['*/*'], verbs: verbs.length > 0 ? verbs : ['*'] })}`,
            label: `audit policy rule ${i + 1} (${rule['level']})`,
            file,
          });
        }
      }
    }
  }
  return out;
}

/** Does an audit rule (resources × verbs) log what a witness key `audit:group/resource:verb` needs? */
function auditRuleServes(ruleKey: string, witnessKey: string): boolean {
  const rule = JSON.parse(ruleKey.slice('audit-rule:'.length)) as { resources: string[]; verbs: string[] };
  const [, resource = '', verb = ''] = /^audit:(.*):([^:]*)$/.exec(witnessKey) ?? [];
  const [group, name = ''] = [
    resource.slice(0, resource.indexOf('/')),
    resource.slice(resource.indexOf('/') + 1),
  ];
  const base = name.split('/')[0] ?? name;
  const resourceOk = rule.resources.some((r) => {
    const [g, n = ''] = [r.slice(0, r.indexOf('/')), r.slice(r.indexOf('/') + 1)];
    return (g === group || g === '*') && (n === '*' || n === name || n === base || name === '*');
  });
  return resourceOk && (rule.verbs.includes('*') || verb === '*' || rule.verbs.includes(verb));
}

/** Generation problems placed at the witness or leaf they come from (the model's start otherwise). */
export function locateProblems(model: ThreatModel, problems: readonly InstrumentProblem[]): ModelProblem[] {
  const witnesses = [...witnessesOf(model)];
  return problems.map((p) => {
    const found =
      witnesses.find((w) => w.witness.id === p.witness) ?? witnesses.find((w) => w.leaf.id === p.leaf);
    const position: SourcePosition = found
      ? p.witness
        ? found.witness.position
        : found.leaf.position
      : model.position;
    return {
      code: p.code,
      severity: p.severity,
      message: p.message,
      file: position.file,
      line: position.line,
      column: position.column,
    };
  });
}

/** Coverage problems of one model against the given instrumentation. */
export function lintCoverage(
  model: ThreatModel,
  instrumentation: readonly InstrumentationFile[],
  generationProblems: readonly InstrumentProblem[] = [],
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const at = (position: SourcePosition) => ({
    file: position.file,
    line: position.line,
    column: position.column,
  });
  for (const { leaf } of leavesOf(model)) {
    if (leaf.witnesses.length === 0) {
      problems.push({
        code: 'KSTORM_MODEL_COVERAGE',
        severity: 'error',
        message: `leaf ${leaf.id} has no witness: nothing can show that this step happened`,
        ...at(leaf.position),
      });
    }
  }
  const witnesses = [...witnessesOf(model)];
  // Without --set, a missing parameter is expected in lint; it is an error only when generating.
  for (const p of locateProblems(model, generationProblems)) {
    problems.push(p.code === 'KSTORM_INSTRUMENT_PARAMETER' ? { ...p, severity: 'warning' } : p);
  }
  const armed = armedSensors(instrumentation);
  const needed = witnesses.flatMap(({ witness }) =>
    witnessKeys(witness.sensor).map((key) => ({ key, witness })),
  );
  const serves = (sensor: ArmedSensor, key: string) =>
    sensor.key.startsWith('audit-rule:')
      ? key.startsWith('audit:') && auditRuleServes(sensor.key, key)
      : sensor.key === key;
  for (const sensor of armed) {
    if (needed.some((n) => serves(sensor, n.key))) continue;
    problems.push({
      code: 'KSTORM_MODEL_COVERAGE',
      severity: 'error',
      message: `${sensor.label} is armed but no witness of ${model.metadata.name} uses it`,
      file: sensor.file,
      line: 1,
      column: 1,
    });
  }
  const reported = new Set<string>();
  for (const { key, witness } of needed) {
    if (armed.some((sensor) => serves(sensor, key)) || reported.has(witness.id)) continue;
    reported.add(witness.id);
    problems.push({
      code: 'KSTORM_MODEL_COVERAGE',
      severity: 'error',
      message: `witness ${witness.id} relies on ${key.replace(':', ' ')}, which the instrumentation does not arm`,
      ...at(witness.position),
    });
  }
  return problems;
}
