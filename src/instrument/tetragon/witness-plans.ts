/**
 * The selectors one witness asks of its hook: for each observation of its pattern an event of the hook
 * could match, the conditions derived from that observation, combined with the values the sensor lists
 * explicitly. Where both the pattern and the sensor constrain the same thing they are OR-ed (the author
 * widens what is seen); where only one does, it alone filters.
 */
import type { ObservationFacts, TetragonSensor } from '../../threatmodel/index.js';
import {
  argumentTextPlans,
  binaryAlternatives,
  binaryPlans,
  cutPrefixes,
  destinationAddresses,
  destinationPorts,
  equalityPlans,
  observationConcerns,
  pathPlans,
} from './derive.js';
import type { HookDefinition } from './hooks.js';
import { destinationOperators, fileArgumentPosition, pathPosition } from './positions.js';
import { type ArgCondition, product, type SelectorPlan } from './selector-plan.js';

/** What the witness contributes to its hook, and whether its pattern can match the hook's events at all. */
export interface WitnessPlans {
  readonly plans: readonly SelectorPlan[];
  /** False when every observation of the pattern is about something this hook never reports. */
  readonly concernsHook: boolean;
}

/** Alternatives of one dimension: derived OR explicit when both exist, else whichever does. */
function union(
  derived: readonly SelectorPlan[] | undefined,
  explicit: readonly SelectorPlan[],
): SelectorPlan[] | undefined {
  if (derived === undefined) return explicit.length > 0 ? [...explicit] : undefined;
  return [...derived, ...explicit];
}

function explicitPathPlans(sensor: TetragonSensor, hook: HookDefinition): SelectorPlan[] {
  const position = pathPosition(hook);
  if (position === undefined) return [];
  const plans = equalityPlans(position, sensor.paths ?? []);
  if (sensor.pathPrefixes?.length) {
    plans.push({ args: [{ position, operator: 'Prefix', values: cutPrefixes(sensor.pathPrefixes) }] });
  }
  return plans;
}

/** Union of a derived and an explicit value list for one operator (same semantics as `union`). */
function mergedValues(
  derived: readonly string[] | undefined,
  explicit: readonly string[],
): string[] | undefined {
  if (derived === undefined) return explicit.length > 0 ? [...explicit] : undefined;
  return [...derived, ...explicit];
}

function networkPlan(
  facts: ObservationFacts | undefined,
  hook: HookDefinition,
  sensor: TetragonSensor,
  cidrs: readonly string[],
): SelectorPlan[] | undefined {
  const operators = destinationOperators(hook);
  if (operators === undefined) return undefined;
  const args: ArgCondition[] = [];
  const addresses = mergedValues(facts && destinationAddresses(facts), cidrs);
  if (addresses !== undefined)
    args.push({ position: operators.position, operator: operators.address, values: addresses });
  const ports = mergedValues(facts && destinationPorts(facts), (sensor.ports ?? []).map(String));
  if (ports !== undefined)
    args.push({ position: operators.position, operator: operators.port, values: ports });
  return args.length > 0 ? [{ args }] : undefined;
}

/** The selector plans of one observation (or of none, when only the sensor's own values filter). */
function observationPlans(
  facts: ObservationFacts | undefined,
  hook: HookDefinition,
  sensor: TetragonSensor,
  cidrs: readonly string[],
): SelectorPlan[] {
  const dimensions: SelectorPlan[][] = [];
  const add = (alternatives: SelectorPlan[] | undefined) => {
    if (alternatives !== undefined && alternatives.length > 0) dimensions.push(alternatives);
  };
  const text = facts && argumentTextPlans(facts, hook);
  const onPath = pathPosition(hook);
  const derivedPath =
    onPath !== undefined && onPath === fileArgumentPosition(hook)
      ? facts && pathPlans(facts, hook)
      : undefined;
  // A path passed as a plain string (execve, openat) is the same value the argument text shows.
  const pathAlternatives =
    derivedPath ?? (text !== undefined && text.position === onPath ? text.plans : undefined);
  add(union(pathAlternatives, explicitPathPlans(sensor, hook)));
  if (text !== undefined && text.position !== onPath) add(text.plans);
  add(union(facts && binaryAlternatives(facts), binaryPlans(sensor.binaries ?? [])));
  add(networkPlan(facts, hook, sensor, cidrs));
  return product(dimensions);
}

/**
 * The plans a witness needs on `hook`. `facts` are its pattern's observations (empty when the pattern
 * does not parse: the loader reports that, and only the sensor's own values filter); `cidrs` are the resolved
 * values of its address parameters.
 */
export function witnessPlans(
  facts: readonly ObservationFacts[],
  hook: HookDefinition,
  sensor: TetragonSensor,
  cidrs: readonly string[],
): WitnessPlans {
  if (facts.length === 0)
    return { plans: observationPlans(undefined, hook, sensor, cidrs), concernsHook: true };
  const relevant = facts.filter((observation) => observationConcerns(observation, hook));
  if (relevant.length === 0) {
    return { plans: observationPlans(undefined, hook, sensor, cidrs), concernsHook: false };
  }
  return {
    plans: relevant.flatMap((observation) => observationPlans(observation, hook, sensor, cidrs)),
    concernsHook: true,
  };
}
