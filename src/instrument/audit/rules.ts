/**
 * Audit witnesses' needs → the rules of an audit.k8s.io/v1 Policy. The API server applies the first rule
 * that matches a request, so the order carries the meaning:
 *
 * 1. a `None` rule for non-resource URLs, when a rule below would otherwise match them (no witness reads
 *    `/healthz` and friends, and a rule without resources or namespaces matches those requests too);
 * 2. `Metadata` clamps for the resources whose bodies are never logged (secrets, configmaps,
 *    serviceaccounts/token, tokenreviews), in the scope of each witness that asked for more;
 * 3. the witnesses' rules, most detailed level first, so a request several witnesses need is logged at
 *    the highest level any of them needs; within a level the most specific rule first;
 * 4. a final catch-all `None`: only what witnesses read is logged.
 */
import type { AuditLevel } from '../../threatmodel/index.js';
import {
  type AuditNeed,
  levelRank,
  mergeScopes,
  type ResourceScope,
  scopeCovers,
  scopeEntries,
  withoutResources,
} from './scope.js';

/** One rule of an audit.k8s.io/v1 Policy (the fields kstorm writes). */
export interface PolicyRule {
  readonly level: 'None' | AuditLevel;
  readonly verbs?: readonly string[];
  readonly resources?: readonly { readonly group: string; readonly resources?: readonly string[] }[];
  readonly namespaces?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

/** The resources whose request and response bodies kstorm never asks the API server to log. */
export const SENSITIVE_RESOURCES: readonly { readonly group: string; readonly resource: string }[] = [
  { group: '', resource: 'configmaps' },
  { group: '', resource: 'secrets' },
  { group: '', resource: 'serviceaccounts/token' },
  { group: 'authentication.k8s.io', resource: 'tokenreviews' },
];

/** A need and the witness it comes from. */
export interface WitnessNeed {
  readonly need: AuditNeed;
  readonly witness: string;
  readonly leaf: string;
}

/** A witness whose level was lowered to Metadata for sensitive resources. */
export interface ClampedNeed {
  readonly witness: string;
  readonly leaf: string;
  readonly level: AuditLevel;
  /** `resource` or `group/resource`. */
  readonly resources: readonly string[];
}

export interface PolicyRules {
  readonly rules: readonly PolicyRule[];
  readonly clamped: readonly ClampedNeed[];
}

/** The ordered rules that log every need at the highest level asked for (sensitive bodies excepted). */
export function policyRules(needs: readonly WitnessNeed[]): PolicyRules {
  const clamps: AuditNeed[] = [];
  const kept: AuditNeed[] = [];
  const clamped: ClampedNeed[] = [];
  for (const { need, witness, leaf } of needs) {
    const sensitive =
      levelRank(need.level) > levelRank('Metadata')
        ? SENSITIVE_RESOURCES.filter((s) => scopeCovers(need.resources, s.group, s.resource))
        : [];
    if (sensitive.length === 0) {
      kept.push(need);
      continue;
    }
    clamped.push({
      witness,
      leaf,
      level: need.level,
      resources: sensitive.map((s) => (s.group === '' ? s.resource : `${s.group}/${s.resource}`)),
    });
    const sensitiveScope = mergeScopes(sensitive.map((s) => new Map([[s.group, new Set([s.resource])]])));
    clamps.push({ ...need, level: 'Metadata', resources: sensitiveScope });
    const rest = withoutResources(need.resources, sensitive);
    if (rest !== undefined) kept.push({ ...need, resources: rest });
  }
  const ordered = [...merged(clamps), ...merged(kept).sort(byLevelThenSpecificity)];
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const need of ordered) {
    const rule = ruleOf(need);
    const key = JSON.stringify(rule);
    if (seen.has(key)) continue;
    seen.add(key);
    rules.push(rule);
  }
  const matchesNonResource = ordered.some((n) => n.resources === 'all' && n.namespaces.length === 0);
  return {
    rules: [...(matchesNonResource ? [NO_NON_RESOURCE_URLS] : []), ...rules, CATCH_ALL],
    clamped,
  };
}

const NO_NON_RESOURCE_URLS: PolicyRule = { level: 'None', nonResourceURLs: ['*'] };
const CATCH_ALL: PolicyRule = { level: 'None' };

/** Needs with the same level, verbs and namespaces become one rule over the union of their resources. */
function merged(needs: readonly AuditNeed[]): AuditNeed[] {
  const groups = new Map<string, { need: AuditNeed; scopes: ResourceScope[] }>();
  for (const need of needs) {
    const key = JSON.stringify([need.level, need.verbs, need.namespaces]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { need, scopes: [need.resources] });
    else group.scopes.push(need.resources);
  }
  const out = [...groups.values()].map(({ need, scopes }) => ({ ...need, resources: mergeScopes(scopes) }));
  return out.sort(bySpecificity);
}

/** How many of resources, verbs and namespaces a need leaves open (0 = the most specific). */
function openness(need: AuditNeed): number {
  return (
    (need.resources === 'all' ? 1 : 0) +
    (need.verbs.length === 0 ? 1 : 0) +
    (need.namespaces.length === 0 ? 1 : 0)
  );
}

function bySpecificity(a: AuditNeed, b: AuditNeed): number {
  const open = openness(a) - openness(b);
  if (open !== 0) return open;
  const left = JSON.stringify(ruleOf(a));
  const right = JSON.stringify(ruleOf(b));
  return left < right ? -1 : left > right ? 1 : 0;
}

function byLevelThenSpecificity(a: AuditNeed, b: AuditNeed): number {
  return levelRank(b.level) - levelRank(a.level) || bySpecificity(a, b);
}

function ruleOf(need: AuditNeed): PolicyRule {
  const resources = scopeEntries(need.resources);
  return {
    level: need.level,
    ...(need.verbs.length === 0 ? {} : { verbs: need.verbs }),
    ...(resources === undefined ? {} : { resources }),
    ...(need.namespaces.length === 0 ? {} : { namespaces: need.namespaces }),
  };
}
