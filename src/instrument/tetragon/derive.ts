/**
 * Reads a witness pattern's necessary conditions (patternFacts) as Tetragon selector conditions for one
 * hook. Only what every matching event must satisfy narrows a selector, and only where the normaliser's
 * mapping makes the link certain (docs/ingest.md): a file name or directory becomes a path filter on the
 * hook's only file argument, an `arguments[*]` text a filter on the only argument rendered that way, the
 * acting process's image a binary filter, a literal destination IP or port a socket filter on the only
 * socket argument. Anything else leaves that dimension unfiltered.
 */

import { isIpv4, isIpv6 } from '../../stix/index.js';
import type { ObservationFacts, PathConstraint } from '../../threatmodel/index.js';
import { argumentFamily, argumentRole } from './argument-types.js';
import { type HookDefinition, reportedHookNames } from './hooks.js';
import {
  MAX_BINARY_PATH_LENGTH,
  MAX_PORTABLE_EQUAL_LENGTH,
  MAX_POSTFIX_LENGTH,
  MAX_PREFIX_LENGTH,
} from './limits.js';
import { fileArgumentPosition } from './positions.js';
import type { ArgCondition, SelectorPlan } from './selector-plan.js';
import { utf8End, utf8Length, utf8Start } from './values.js';

const EVENT = 'x-kstorm-event';
const FILE_NAME = `${EVENT}:file_refs[*].name`;
const FILE_DIRECTORY = `${EVENT}:file_refs[*].parent_directory_ref.path`;
const IMAGE_NAME = `${EVENT}:process_ref.image_ref.name`;
const IMAGE_DIRECTORY = `${EVENT}:process_ref.image_ref.parent_directory_ref.path`;
const ARGUMENTS = `${EVENT}:arguments[*]`;
const DESTINATION_ADDRESSES = [`${EVENT}:network_refs[*].dst_ref.value`, 'network-traffic:dst_ref.value'];
const DESTINATION_PORTS = [`${EVENT}:network_refs[*].dst_port`, 'network-traffic:dst_port'];

/** Object types no Tetragon event produces: observations of them come from another sensor. */
const FOREIGN_TYPES: ReadonlySet<string> = new Set(['x-k8s-api-request', 'x-k8s-object']);

/** Cross products larger than this become prefix/postfix filters instead of exact paths. */
const MAX_EXACT_PATHS = 16;

const KIND_OF_HOOK_TYPE = { kprobe: 'process_kprobe', tracepoint: 'process_tracepoint', lsm: 'process_lsm' };

function admits(constraint: PathConstraint | undefined, value: string): boolean {
  if (constraint === undefined) return true;
  return (
    constraint.equals.includes(value) ||
    constraint.prefixes.some((prefix) => value.startsWith(prefix)) ||
    constraint.suffixes.some((suffix) => value.endsWith(suffix))
  );
}

/** Whether an event of this hook can match the observation at all. */
export function observationConcerns(facts: ObservationFacts, hook: HookDefinition): boolean {
  if (FOREIGN_TYPES.has(facts.objectType)) return false;
  const c = facts.constraints;
  return (
    reportedHookNames(hook).some((name) => admits(c.get(`${EVENT}:hook`), name)) &&
    admits(c.get(`${EVENT}:source`), 'tetragon') &&
    admits(c.get(`${EVENT}:kind`), KIND_OF_HOOK_TYPE[hook.hookType])
  );
}

function strings(values: readonly (string | number | boolean)[]): string[] | undefined {
  return values.every((v) => typeof v === 'string' && v !== '') ? (values as string[]) : undefined;
}

function joinPath(directory: string, name: string): string {
  return directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`;
}

/** Paths under the directory constraint, as prefixes; undefined when a part of it has no prefix form. */
function directoryPrefixes(constraint: PathConstraint | undefined): string[] | undefined {
  if (constraint === undefined || constraint.suffixes.length > 0) return undefined;
  const equals = strings(constraint.equals);
  const prefixes = strings(constraint.prefixes);
  if (equals === undefined || prefixes === undefined) return undefined;
  return [...equals.map((directory) => joinPath(directory, '')), ...prefixes];
}

/**
 * Path endings the file-name constraint implies; undefined when a part of it has no suffix form. The
 * name alone, not `/name`: a path without a slash (`pipe:[1234]`) is all name to the normaliser.
 */
function nameSuffixes(constraint: PathConstraint | undefined): string[] | undefined {
  if (constraint === undefined || constraint.prefixes.length > 0) return undefined;
  const equals = strings(constraint.equals);
  const suffixes = strings(constraint.suffixes);
  if (equals === undefined || suffixes === undefined) return undefined;
  return [...equals, ...suffixes];
}

/** Exact paths when both the directory and the name are one of a few literals. */
function exactPaths(
  directory: PathConstraint | undefined,
  name: PathConstraint | undefined,
): string[] | undefined {
  if (directory === undefined || name === undefined) return undefined;
  if (directory.prefixes.length + directory.suffixes.length + name.prefixes.length + name.suffixes.length > 0)
    return undefined;
  const directories = strings(directory.equals);
  const names = strings(name.equals);
  if (!directories?.length || !names?.length || directories.length * names.length > MAX_EXACT_PATHS)
    return undefined;
  return directories.flatMap((d) => names.map((n) => joinPath(d, n)));
}

/** Tetragon caps prefix and postfix lengths; a shorter prefix (or postfix) is still implied, so cut. */
export function cutPrefixes(values: readonly string[]): string[] {
  return values.map((value) => utf8Start(value, MAX_PREFIX_LENGTH));
}
export function cutPostfixes(values: readonly string[]): string[] {
  return values.map((value) => utf8End(value, MAX_POSTFIX_LENGTH));
}

/**
 * Equality on an argument as alternatives: values short enough for every kernel's string maps stay
 * `Equal`, longer ones become a `Prefix` of their start (implied, so still never missing an event).
 */
export function equalityPlans(position: number, values: readonly string[]): SelectorPlan[] {
  const short = values.filter((value) => utf8Length(value) <= MAX_PORTABLE_EQUAL_LENGTH);
  const long = values.filter((value) => utf8Length(value) > MAX_PORTABLE_EQUAL_LENGTH);
  const plans: SelectorPlan[] = [];
  if (short.length > 0) plans.push({ args: [{ position, operator: 'Equal', values: short }] });
  if (long.length > 0) plans.push({ args: [{ position, operator: 'Prefix', values: cutPrefixes(long) }] });
  return plans;
}

/** matchBinaries on exact paths: `In` where the path fits, the path's end (`Postfix`) where it does not. */
export function binaryPlans(paths: readonly string[]): SelectorPlan[] {
  const fit = paths.filter((path) => utf8Length(path) <= MAX_BINARY_PATH_LENGTH);
  const long = paths.filter((path) => utf8Length(path) > MAX_BINARY_PATH_LENGTH);
  const plans: SelectorPlan[] = [];
  if (fit.length > 0) plans.push({ args: [], binary: { operator: 'In', values: fit } });
  if (long.length > 0) plans.push({ args: [], binary: { operator: 'Postfix', values: cutPostfixes(long) } });
  return plans;
}

/** Alternatives on the hook's only file argument, from the file name and directory constraints. */
export function pathPlans(facts: ObservationFacts, hook: HookDefinition): SelectorPlan[] | undefined {
  const position = fileArgumentPosition(hook);
  if (position === undefined || facts.objectType !== EVENT) return undefined;
  const directory = facts.constraints.get(FILE_DIRECTORY);
  const name = facts.constraints.get(FILE_NAME);
  const exact = exactPaths(directory, name);
  if (exact !== undefined) return equalityPlans(position, exact);
  const out: ArgCondition[] = [];
  const prefixes = directoryPrefixes(directory);
  if (prefixes !== undefined) out.push({ position, operator: 'Prefix', values: cutPrefixes(prefixes) });
  const suffixes = nameSuffixes(name);
  if (suffixes !== undefined) out.push({ position, operator: 'Postfix', values: cutPostfixes(suffixes) });
  return out.length > 0 ? [{ args: out }] : undefined;
}

/** The acting process's binary, as alternatives of the one matchBinaries condition a selector allows. */
export function binaryAlternatives(facts: ObservationFacts): SelectorPlan[] | undefined {
  if (facts.objectType !== EVENT) return undefined;
  const directory = facts.constraints.get(IMAGE_DIRECTORY);
  const name = facts.constraints.get(IMAGE_NAME);
  const exact = exactPaths(directory, name);
  if (exact !== undefined) return binaryPlans(exact);
  // One matchBinaries per selector: the name usually says more than the directory.
  const suffixes = nameSuffixes(name);
  if (suffixes !== undefined)
    return [{ args: [], binary: { operator: 'Postfix', values: cutPostfixes(suffixes) } }];
  const prefixes = directoryPrefixes(directory);
  if (prefixes !== undefined)
    return [{ args: [], binary: { operator: 'Prefix', values: cutPrefixes(prefixes) } }];
  return undefined;
}

/**
 * Alternatives (OR) on the one argument whose text (`kind:value`, after `label=`) every `arguments[*]`
 * value the observation allows must start with; the position says which argument it is.
 */
export function argumentTextPlans(
  facts: ObservationFacts,
  hook: HookDefinition,
): { position: number; plans: SelectorPlan[] } | undefined {
  const constraint = facts.objectType === EVENT ? facts.constraints.get(ARGUMENTS) : undefined;
  if (constraint === undefined) return undefined;
  // A suffix says nothing about which argument it ends: only a hook with one argument can take it.
  if (constraint.suffixes.length > 0 && hook.args.length !== 1) return undefined;
  for (const [position, arg] of hook.args.entries()) {
    const role = argumentRole(arg.type);
    if (role.role !== 'text') continue;
    const lead = `${arg.label === undefined ? '' : `${arg.label}=`}${role.kind}:`;
    const rivals = hook.args.filter((other, i) => i !== position && mayRenderAs(other, arg.label, role.kind));
    if (rivals.length > 0) continue;
    const plans = textPlans(constraint, lead, position, role.kind === 'int');
    if (plans !== undefined) return { position, plans };
  }
  return undefined;
}

/**
 * Whether another argument could print with the same lead. Tetragon may report narrower integer types
 * as `int_arg` and string-like ones as `string_arg`, so any argument of the family counts, and so does
 * any type kstorm does not classify.
 */
function mayRenderAs(arg: HookDefinition['args'][number], label: string | undefined, kind: string): boolean {
  if (arg.label !== label) return false;
  const family = argumentFamily(arg.type);
  if (family === 'other') return true;
  if (kind === 'int') return family === 'integer';
  return family === 'text' && argumentRole(arg.type).role !== 'file';
}

/** `int` arguments are 32-bit: the normaliser prints them in decimal, Tetragon rejects wider values. */
function isInt32(text: string): boolean {
  return /^(0|-?[1-9]\d{0,9})$/.test(text) && Number(text) >= -(2 ** 31) && Number(text) < 2 ** 31;
}

function textPlans(
  constraint: PathConstraint,
  lead: string,
  position: number,
  integer: boolean,
): SelectorPlan[] | undefined {
  const equals = strings(constraint.equals);
  if (equals === undefined || !equals.every((value) => value.startsWith(lead))) return undefined;
  if (!constraint.prefixes.every((prefix) => prefix.startsWith(lead) && prefix.length > lead.length))
    return undefined;
  // A suffix without ':' cannot reach back into the `kind:` lead, so it is a suffix of the value.
  if (constraint.suffixes.some((suffix) => suffix.includes(':') || suffix === '')) return undefined;
  const values = equals.map((value) => value.slice(lead.length));
  if (integer && (!values.every(isInt32) || constraint.prefixes.length + constraint.suffixes.length > 0)) {
    return undefined;
  }
  const plans: SelectorPlan[] = integer
    ? values.length > 0
      ? [{ args: [{ position, operator: 'Equal', values }] }]
      : []
    : equalityPlans(position, values);
  if (constraint.prefixes.length > 0) {
    const prefixes = cutPrefixes(constraint.prefixes.map((prefix) => prefix.slice(lead.length)));
    plans.push({ args: [{ position, operator: 'Prefix', values: prefixes }] });
  }
  if (constraint.suffixes.length > 0) {
    plans.push({ args: [{ position, operator: 'Postfix', values: cutPostfixes(constraint.suffixes) }] });
  }
  return plans.length > 0 ? plans : undefined;
}

function firstConstraint(facts: ObservationFacts, keys: readonly string[]): PathConstraint | undefined {
  for (const key of keys) {
    const constraint = facts.constraints.get(key);
    if (constraint !== undefined) return constraint;
  }
  return undefined;
}

/** Literal destination IPs the observation requires, or undefined. */
export function destinationAddresses(facts: ObservationFacts): string[] | undefined {
  const constraint = firstConstraint(facts, DESTINATION_ADDRESSES);
  if (constraint === undefined || constraint.prefixes.length + constraint.suffixes.length > 0)
    return undefined;
  const values = strings(constraint.equals);
  return values?.length && values.every((v) => isIpv4(v) || isIpv6(v)) ? values : undefined;
}

/** Literal destination ports the observation requires, or undefined. */
export function destinationPorts(facts: ObservationFacts): string[] | undefined {
  const constraint = firstConstraint(facts, DESTINATION_PORTS);
  if (constraint === undefined || constraint.prefixes.length + constraint.suffixes.length > 0)
    return undefined;
  const ports = constraint.equals;
  return ports.length > 0 &&
    ports.every((p) => typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 65_535)
    ? ports.map(String)
    : undefined;
}
