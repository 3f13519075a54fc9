/**
 * What an audit witness needs logged, in a canonical form: which (group, resource), verbs and namespaces
 * at which level. The same matching rules as the API server's policy checker, so the generator can tell
 * which needs touch the resources whose bodies must never be logged.
 */
import type { AuditLevel, AuditSensor } from '../../threatmodel/index.js';

/** Resources a rule covers: every resource, or per API group every resource (`all`) or a set. */
export type ResourceScope = 'all' | ReadonlyMap<string, 'all' | ReadonlySet<string>>;

/** One thing to log: resources, verbs (empty = all) and namespaces (empty = all) at a level. */
export interface AuditNeed {
  readonly level: AuditLevel;
  readonly resources: ResourceScope;
  readonly verbs: readonly string[];
  readonly namespaces: readonly string[];
}

const LEVEL_RANK: Readonly<Record<AuditLevel, number>> = { Metadata: 0, Request: 1, RequestResponse: 2 };

/** Orders audit levels by detail: Metadata < Request < RequestResponse. */
export function levelRank(level: AuditLevel): number {
  return LEVEL_RANK[level];
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** The canonical need of one sensor: groups merged, lists sorted and de-duplicated. */
export function needOf(sensor: AuditSensor): AuditNeed {
  return {
    level: sensor.level,
    resources: sensor.resources.length === 0 ? 'all' : mergeScopes(sensor.resources.map(groupScope)),
    verbs: sortedUnique(sensor.verbs.map((verb) => verb.toLowerCase())),
    namespaces: sortedUnique(sensor.namespaces),
  };
}

function groupScope(entry: { readonly group: string; readonly resources: readonly string[] }): ResourceScope {
  return new Map([[entry.group, entry.resources.length === 0 ? 'all' : new Set(entry.resources)]]);
}

/** The union of resource scopes. */
export function mergeScopes(scopes: readonly ResourceScope[]): ResourceScope {
  const out = new Map<string, 'all' | Set<string>>();
  for (const scope of scopes) {
    if (scope === 'all') return 'all';
    for (const [group, resources] of scope) {
      const known = out.get(group);
      if (known === 'all' || resources === 'all') out.set(group, 'all');
      else out.set(group, new Set([...(known ?? []), ...resources]));
    }
  }
  return out;
}

/**
 * Whether one resource pattern of a policy rule matches `resource` (`name` or `name/subresource`), as the
 * API server decides it: a lone star matches everything, star-slash-sub that subresource of any resource,
 * and name-slash-star the resource and all its subresources.
 */
export function patternMatches(pattern: string, resource: string): boolean {
  if (pattern === '*' || pattern === resource) return true;
  const slash = resource.indexOf('/');
  const base = slash < 0 ? resource : resource.slice(0, slash);
  const subresource = slash < 0 ? '' : resource.slice(slash + 1);
  if (subresource !== '' && pattern.startsWith('*/') && pattern.slice(2) === subresource) return true;
  return pattern.endsWith('/*') && pattern.slice(0, -2) === base;
}

/** Whether a scope covers `resource` of API `group`. */
export function scopeCovers(scope: ResourceScope, group: string, resource: string): boolean {
  if (scope === 'all') return true;
  const resources = scope.get(group);
  if (resources === undefined) return false;
  if (resources === 'all') return true;
  for (const pattern of resources) if (patternMatches(pattern, resource)) return true;
  return false;
}

/**
 * The scope without the exact names in `drop` (patterns stay: they still match other resources). Groups
 * left with nothing are removed; undefined when nothing is left at all.
 */
export function withoutResources(
  scope: ResourceScope,
  drop: readonly { readonly group: string; readonly resource: string }[],
): ResourceScope | undefined {
  if (scope === 'all') return scope;
  const out = new Map<string, 'all' | ReadonlySet<string>>();
  for (const [group, resources] of scope) {
    if (resources === 'all') {
      out.set(group, resources);
      continue;
    }
    const kept = [...resources].filter((name) => !drop.some((d) => d.group === group && d.resource === name));
    if (kept.length > 0) out.set(group, new Set(kept));
  }
  return out.size === 0 ? undefined : out;
}

/** The scope as audit.k8s.io/v1 `resources` entries, groups and names sorted; undefined for every resource. */
export function scopeEntries(
  scope: ResourceScope,
): { readonly group: string; readonly resources?: readonly string[] }[] | undefined {
  if (scope === 'all') return undefined;
  return [...scope.keys()].sort().map((group) => {
    const resources = scope.get(group);
    return resources === 'all' || resources === undefined
      ? { group }
      : { group, resources: [...resources].sort() };
  });
}
