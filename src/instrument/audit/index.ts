/**
 * Kubernetes audit instrumentation: the audit.k8s.io/v1 Policy that logs exactly what the model's audit
 * witnesses read, and the webhook kubeconfig that sends those events to kstorm. Both are API-server
 * configuration files, not resources kubectl applies.
 */
import {
  type AuditSensor,
  type Leaf,
  leavesOf,
  type ThreatModel,
  type Witness,
} from '../../threatmodel/index.js';
import type { GeneratedFile, InstrumentProblem, ParameterValues } from '../types.js';
import { policyRules, type WitnessNeed } from './rules.js';
import { needOf } from './scope.js';
import { validateAuditPolicy, validateWebhookKubeconfig } from './validate.js';
import { webhookKubeconfig } from './webhook.js';

export { type PolicyRule, policyRules, SENSITIVE_RESOURCES } from './rules.js';
export { AUDIT_POLICY_SCHEMA, validateAuditPolicy, validateWebhookKubeconfig } from './validate.js';
export {
  AUDIT_INGEST_PATH,
  INGEST_TOKEN_PARAMETER,
  KSTORM_URL_PARAMETER,
  webhookKubeconfig,
} from './webhook.js';

export const AUDIT_POLICY_PATH = 'audit/audit-policy.yaml';
export const AUDIT_WEBHOOK_PATH = 'audit/audit-webhook-kubeconfig.yaml';

const API_SERVER_FLAGS = [
  'kube-apiserver flags (mount both files into the kube-apiserver pod, e.g. under /etc/kubernetes/kstorm/):',
  '  --audit-policy-file=/etc/kubernetes/kstorm/audit-policy.yaml',
  '  --audit-webhook-config-file=/etc/kubernetes/kstorm/audit-webhook-kubeconfig.yaml',
  '  --audit-webhook-batch-max-wait=5s',
];

interface AuditWitness {
  readonly leaf: Leaf;
  readonly witness: Witness;
  readonly sensor: AuditSensor;
}

/** Every witness relying on the audit log, once each, in model order. */
function auditWitnesses(model: ThreatModel): AuditWitness[] {
  const seen = new Set<string>();
  const out: AuditWitness[] = [];
  for (const { leaf } of leavesOf(model)) {
    for (const witness of leaf.witnesses) {
      if (witness.sensor.kind !== 'audit' || seen.has(witness.id)) continue;
      seen.add(witness.id);
      out.push({ leaf, witness, sensor: witness.sensor });
    }
  }
  return out;
}

/** The audit Policy and webhook kubeconfig for `model`; no files when no witness reads the audit log. */
export function generateAudit(
  model: ThreatModel,
  parameters: ParameterValues,
): { readonly files: readonly GeneratedFile[]; readonly problems: readonly InstrumentProblem[] } {
  const witnesses = auditWitnesses(model);
  if (witnesses.length === 0) return { files: [], problems: [] };
  const needs: WitnessNeed[] = witnesses.map(({ leaf, witness, sensor }) => ({
    need: needOf(sensor),
    witness: witness.id,
    leaf: leaf.id,
  }));
  const { rules, clamped } = policyRules(needs);
  const problems: InstrumentProblem[] = clamped.map((c) => ({
    code: 'KSTORM_MODEL_SENSOR',
    severity: 'warning',
    message: `witness ${c.witness} asks for ${c.level} on ${c.resources.join(', ')}; kstorm logs those at Metadata only, so their bodies are never in the audit log`,
    witness: c.witness,
    leaf: c.leaf,
  }));
  const policy = {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    omitStages: ['RequestReceived'],
    omitManagedFields: true,
    rules,
  };
  const webhook = webhookKubeconfig(model, parameters);
  problems.push(
    ...validateAuditPolicy(policy),
    ...webhook.problems,
    ...validateWebhookKubeconfig(webhook.document),
  );
  const files: GeneratedFile[] = [
    {
      path: AUDIT_POLICY_PATH,
      documents: [policy],
      kubernetes: false,
      header: [
        `kstorm audit policy for threat model ${model.metadata.name}: logs exactly what its ${witnesses.length} audit witness(es) read.`,
        'The API server applies the first rule that matches a request. The last rule (level None) drops every',
        'other request so the log holds only what witnesses read; change it to Metadata to keep a full trail.',
        'Secrets, configmaps, serviceaccounts/token and tokenreviews are never logged above Metadata.',
        ...API_SERVER_FLAGS,
      ].join('\n'),
    },
    {
      path: AUDIT_WEBHOOK_PATH,
      documents: [webhook.document],
      kubernetes: false,
      header: [
        'kstorm audit webhook: kube-apiserver POSTs audit EventLists to kstorm with this kubeconfig.',
        "It holds kstorm's ingest token: keep it readable by root only.",
        ...API_SERVER_FLAGS,
      ].join('\n'),
    },
  ];
  return { files, problems };
}
