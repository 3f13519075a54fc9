/**
 * Selector plans: what a generated hook filters on, before it is written as Tetragon YAML. A plan is a
 * conjunction (one Tetragon selector); a hook's plans are OR-ed. Widening a plan (dropping or merging
 * conditions) is always allowed, because a sensor may see more than a witness needs but never less.
 */
import { argumentFamily } from './argument-types.js';
import type { HookDefinition } from './hooks.js';
import { MAX_INLINE_VALUES, MAX_SELECTORS_PER_HOOK } from './limits.js';

/** A `matchArgs` condition on the argument at `position` in the hook's `args`. */
export interface ArgCondition {
  readonly position: number;
  readonly operator: string;
  readonly values: readonly string[];
}

/** The one `matchBinaries` condition a selector may have. */
export interface BinaryCondition {
  readonly operator: 'In' | 'Prefix' | 'Postfix';
  readonly values: readonly string[];
}

/** One selector: every condition must hold. No conditions: every event of the hook. */
export interface SelectorPlan {
  readonly args: readonly ArgCondition[];
  readonly binary?: BinaryCondition;
}

export const UNFILTERED: SelectorPlan = { args: [] };

export function isUnfiltered(plan: SelectorPlan): boolean {
  return plan.args.length === 0 && plan.binary === undefined;
}

/** Both plans at once (their conjunction); `binary` comes from one side only. */
export function conjoin(a: SelectorPlan, b: SelectorPlan): SelectorPlan {
  const binary = a.binary ?? b.binary;
  const args = [...a.args, ...b.args];
  return binary === undefined ? { args } : { args, binary };
}

/** Every combination of one alternative per dimension (AND across, OR within). */
export function product(dimensions: readonly (readonly SelectorPlan[])[]): SelectorPlan[] {
  let plans: SelectorPlan[] = [UNFILTERED];
  for (const alternatives of dimensions) {
    plans = plans.flatMap((plan) => alternatives.map((alternative) => conjoin(plan, alternative)));
  }
  return plans;
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** A plan with its conditions in a canonical order and values sorted, so equal plans print equal. */
function canonical(plan: SelectorPlan): SelectorPlan {
  const args = plan.args
    .map((condition) => ({ ...condition, values: sortedUnique(condition.values) }))
    .sort(
      (a, b) => a.position - b.position || (a.operator < b.operator ? -1 : a.operator > b.operator ? 1 : 0),
    );
  return plan.binary === undefined
    ? { args }
    : { args, binary: { operator: plan.binary.operator, values: sortedUnique(plan.binary.values) } };
}

function shapeOf(plan: SelectorPlan): string {
  return JSON.stringify([plan.args.map((c) => [c.position, c.operator]), plan.binary?.operator ?? null]);
}

/** Plans of one shape as one plan whose conditions take the union of values (a wider selector). */
function mergeShape(plans: readonly SelectorPlan[]): SelectorPlan {
  const [first, ...rest] = plans;
  if (first === undefined) return UNFILTERED;
  const args = first.args.map((condition, i) => ({
    ...condition,
    values: [...condition.values, ...rest.flatMap((plan) => plan.args[i]?.values ?? [])],
  }));
  const binary =
    first.binary === undefined
      ? undefined
      : {
          ...first.binary,
          values: [...first.binary.values, ...rest.flatMap((plan) => plan.binary?.values ?? [])],
        };
  return canonical(binary === undefined ? { args } : { args, binary });
}

/** Drops integer conditions whose values no longer fit in a selector. */
function withinLimits(plan: SelectorPlan, hook: HookDefinition): SelectorPlan {
  const args = plan.args.filter(
    (condition) =>
      argumentFamily(hook.args[condition.position]?.type ?? '') !== 'integer' ||
      condition.values.length <= MAX_INLINE_VALUES,
  );
  return plan.binary === undefined ? { args } : { args, binary: plan.binary };
}

function dedupe(plans: readonly SelectorPlan[]): SelectorPlan[] {
  const byText = new Map<string, SelectorPlan>();
  for (const plan of plans) byText.set(JSON.stringify(plan), plan);
  return [...byText.values()].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** The selectors a hook gets: `[]` means unfiltered. `widened` tells that limits forced a wider filter. */
export interface HookSelectors {
  readonly plans: readonly SelectorPlan[];
  readonly widened: boolean;
}

/**
 * OR of all plans within Tetragon's limits: duplicates removed, any unfiltered plan makes the hook
 * unfiltered, too many plans are merged by shape, and if that is still too many the hook is unfiltered.
 */
export function fitSelectors(plans: readonly SelectorPlan[], hook: HookDefinition): HookSelectors {
  let current = dedupe(plans.map((plan) => withinLimits(canonical(plan), hook)));
  if (current.length === 0 || current.some(isUnfiltered)) return { plans: [], widened: false };
  if (current.length <= MAX_SELECTORS_PER_HOOK) return { plans: current, widened: false };
  const shapes = new Map<string, SelectorPlan[]>();
  for (const plan of current) shapes.set(shapeOf(plan), [...(shapes.get(shapeOf(plan)) ?? []), plan]);
  current = dedupe([...shapes.values()].map((group) => withinLimits(mergeShape(group), hook)));
  if (current.some(isUnfiltered) || current.length > MAX_SELECTORS_PER_HOOK)
    return { plans: [], widened: true };
  return { plans: current, widened: true };
}
