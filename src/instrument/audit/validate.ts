/**
 * Checks an audit.k8s.io/v1 Policy against kstorm's JSON Schema of it (written from the Kubernetes API
 * reference, compiled once on first use), and the webhook kubeconfig against the few fields kube-apiserver
 * needs from it. Failures are problems, never exceptions.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { RE2JS } from 're2js';
import type { InstrumentProblem } from '../types.js';
import policySchema from './policy.schema.json' with { type: 'json' };

/** kstorm's JSON Schema for audit.k8s.io/v1 Policy. */
export const AUDIT_POLICY_SCHEMA: Readonly<Record<string, unknown>> = policySchema;

// Schema patterns run on RE2 so a policy written by hand cannot make a pattern backtrack.
function re2RegExp(source: string): { test: (text: string) => boolean; toString: () => string } {
  const regex = RE2JS.compile(source);
  return { test: (text: string) => regex.matcher(text).find(), toString: () => source };
}
re2RegExp.code = 'kstormAuditPolicyRe2';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strict: true, code: { regExp: re2RegExp as never } }).compile(
    policySchema,
  );
  return compiled;
}

function invalid(path: string, message: string): InstrumentProblem {
  return { code: 'KSTORM_INSTRUMENT_INVALID', severity: 'error', message, path };
}

/** The schema failures of a Policy document (empty when it conforms). */
export function validateAuditPolicy(policy: unknown): InstrumentProblem[] {
  const validate = validator();
  if (validate(policy)) return [];
  return (validate.errors ?? [])
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      const extra =
        error.keyword === 'additionalProperties' ? ` (${String(error.params['additionalProperty'])})` : '';
      const path = error.instancePath === '' ? '/' : error.instancePath;
      return invalid(path, `audit policy ${path}: ${error.message ?? error.keyword}${extra}`);
    });
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function named(list: unknown, path: string, inner: string, problems: InstrumentProblem[]): string[] {
  if (!Array.isArray(list) || list.length === 0) {
    problems.push(invalid(path, `webhook kubeconfig ${path} must be a non-empty list`));
    return [];
  }
  return list.flatMap((entry: unknown, index) => {
    if (!isObject(entry) || typeof entry['name'] !== 'string' || !isObject(entry[inner])) {
      problems.push(
        invalid(`${path}/${index}`, `webhook kubeconfig ${path}/${index} needs a name and ${inner}`),
      );
      return [];
    }
    return [entry['name']];
  });
}

/**
 * The structural failures of a webhook kubeconfig: `apiVersion: v1`, `kind: Config`, a cluster with a
 * server, a user, and a current context that joins them.
 */
export function validateWebhookKubeconfig(config: unknown): InstrumentProblem[] {
  const problems: InstrumentProblem[] = [];
  if (!isObject(config)) return [invalid('/', 'webhook kubeconfig must be an object')];
  if (config['apiVersion'] !== 'v1')
    problems.push(invalid('/apiVersion', 'webhook kubeconfig apiVersion must be v1'));
  if (config['kind'] !== 'Config') problems.push(invalid('/kind', 'webhook kubeconfig kind must be Config'));
  const clusters = named(config['clusters'], '/clusters', 'cluster', problems);
  const users = named(config['users'], '/users', 'user', problems);
  const contexts = Array.isArray(config['contexts']) ? config['contexts'] : [];
  const current = contexts.find((c: unknown) => isObject(c) && c['name'] === config['current-context']);
  const context = isObject(current) ? current['context'] : undefined;
  if (
    !isObject(context) ||
    !clusters.includes(String(context['cluster'])) ||
    !users.includes(String(context['user']))
  ) {
    problems.push(
      invalid(
        '/current-context',
        'webhook kubeconfig current-context must name a context joining a listed cluster and user',
      ),
    );
  }
  for (const [index, entry] of (Array.isArray(config['clusters']) ? config['clusters'] : []).entries()) {
    const cluster = isObject(entry) ? entry['cluster'] : undefined;
    if (!isObject(cluster) || typeof cluster['server'] !== 'string' || cluster['server'] === '') {
      problems.push(
        invalid(`/clusters/${index}/cluster/server`, 'webhook kubeconfig cluster needs a server URL'),
      );
    }
  }
  return problems;
}
