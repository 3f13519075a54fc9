/**
 * Kubescape instrumentation: one `kubescape.io/v1` RuntimeRuleAlertBinding that binds exactly the
 * runtime rules the model's witnesses rely on, to every pod outside Kubescape's own namespace.
 */
import { type KubescapeSensor, leavesOf, type ThreatModel } from '../../threatmodel/index.js';
import {
  GENERATED_BY_LABEL,
  GENERATED_BY_VALUE,
  type GeneratedFile,
  type InstrumentProblem,
  MODEL_LABEL,
  type ParameterValues,
} from '../types.js';
import { KUBESCAPE_RULES } from './known-rules.js';

export { KUBESCAPE_RULES } from './known-rules.js';

export const KUBESCAPE_BINDING_PATH = 'kubescape/kstorm-rule-binding.yaml';
/** Kubescape's own namespace (the Helm chart's default), left out so the node-agent does not watch itself. */
export const KUBESCAPE_NAMESPACE = 'kubescape';

const RULE_ID = /^R\d{4}$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Why kstorm cannot bind this Kubescape rule, or undefined when it can. */
export function kubescapeSupport(sensor: KubescapeSensor): string | undefined {
  if (RULE_ID.test(sensor.rule) && KUBESCAPE_RULES.has(sensor.rule)) return undefined;
  const shown = JSON.stringify(sensor.rule.slice(0, 40));
  return `Kubescape rule ${shown} is not a runtime rule kstorm knows (R0001…R2000, see docs/instrumentation.md)`;
}

/** The structural failures of a RuntimeRuleAlertBinding (empty when it is sound). */
export function validateRuleBinding(binding: unknown): InstrumentProblem[] {
  const problems: InstrumentProblem[] = [];
  const invalid = (path: string, message: string) =>
    problems.push({
      code: 'KSTORM_INSTRUMENT_INVALID',
      severity: 'error',
      message: `rule binding ${path}: ${message}`,
      path,
    });
  const doc = (typeof binding === 'object' && binding !== null ? binding : {}) as Record<string, unknown>;
  if (doc['apiVersion'] !== 'kubescape.io/v1') invalid('/apiVersion', 'must be kubescape.io/v1');
  if (doc['kind'] !== 'RuntimeRuleAlertBinding') invalid('/kind', 'must be RuntimeRuleAlertBinding');
  const metadata = (doc['metadata'] ?? {}) as Record<string, unknown>;
  const name = metadata['name'];
  if (typeof name !== 'string' || !DNS_SUBDOMAIN.test(name))
    invalid('/metadata/name', 'must be a DNS subdomain name');
  if (metadata['namespace'] !== undefined) invalid('/metadata/namespace', 'the resource is cluster-scoped');
  const spec = (doc['spec'] ?? {}) as Record<string, unknown>;
  const rules = spec['rules'];
  if (!Array.isArray(rules) || rules.length === 0) {
    invalid('/spec/rules', 'must list at least one rule');
    return problems;
  }
  const seen = new Set<string>();
  rules.forEach((rule: unknown, index) => {
    const id = (rule as Record<string, unknown> | null)?.['ruleID'];
    if (typeof id !== 'string' || !KUBESCAPE_RULES.has(id))
      invalid(`/spec/rules/${index}/ruleID`, 'must be a known rule id');
    else if (seen.has(id)) invalid(`/spec/rules/${index}/ruleID`, `${id} is bound twice`);
    else seen.add(id);
  });
  return problems;
}

/** The rule binding for `model`; no file when no witness relies on Kubescape. */
export function generateKubescape(
  model: ThreatModel,
  _parameters: ParameterValues,
): { readonly files: readonly GeneratedFile[]; readonly problems: readonly InstrumentProblem[] } {
  const problems: InstrumentProblem[] = [];
  const ids = new Set<string>();
  for (const { leaf } of leavesOf(model)) {
    for (const witness of leaf.witnesses) {
      if (witness.sensor.kind !== 'kubescape') continue;
      const unsupported = kubescapeSupport(witness.sensor);
      if (unsupported === undefined) ids.add(witness.sensor.rule);
      else {
        problems.push({
          code: 'KSTORM_MODEL_SENSOR',
          severity: 'error',
          message: `witness ${witness.id}: ${unsupported}`,
          witness: witness.id,
          leaf: leaf.id,
        });
      }
    }
  }
  if (ids.size === 0) return { files: [], problems };
  const binding = {
    apiVersion: 'kubescape.io/v1',
    kind: 'RuntimeRuleAlertBinding',
    metadata: {
      name: `kstorm-${model.metadata.name}`,
      labels: { [GENERATED_BY_LABEL]: GENERATED_BY_VALUE, [MODEL_LABEL]: model.metadata.name },
    },
    spec: {
      namespaceSelector: {
        matchExpressions: [
          { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [KUBESCAPE_NAMESPACE] },
        ],
      },
      rules: [...ids].sort().map((id) => ({ ruleID: id, ruleName: KUBESCAPE_RULES.get(id) ?? id })),
    },
  };
  problems.push(...validateRuleBinding(binding));
  const file: GeneratedFile = {
    path: KUBESCAPE_BINDING_PATH,
    documents: [binding],
    kubernetes: true,
    header: [
      `kstorm Kubescape rule binding for threat model ${model.metadata.name}: the runtime rules its witnesses rely on.`,
      'Needs the Kubescape operator with runtime detection (capabilities.runtimeDetection=enable); a rule still',
      'fires only if it is enabled in the node-agent Rules resource. Send alerts to kstorm with the node-agent',
      'HTTP exporter (url: <kstorm>/ingest/kubescape).',
    ].join('\n'),
  };
  return { files: [file], problems };
}
