/**
 * Turns a witness's Tetragon sensor into the one hook a policy arms: the catalogue supplies what the
 * sensor leaves out, the sensor's own `args` / `returnArg` / `syscall` win. When that is impossible the
 * answer is the reason, in words an author can act on.
 */
import type { TetragonArg, TetragonSensor } from '../../threatmodel/index.js';
import { catalogueHook, type HookDefinition, policyCallName } from './hooks.js';
import { MAX_ARGS_PER_HOOK } from './limits.js';
import { destinationOperators, pathPosition } from './positions.js';
import { ARGUMENT_TYPES } from './schema-check.js';
import { quote } from './values.js';

/** Function arguments are numbered 0..5 (six registers); a tracepoint's index names a format field. */
const MAX_ARGUMENT_INDEX = 5;
const MAX_TRACEPOINT_FIELD = 63;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export type ResolvedHook = { readonly hook: HookDefinition } | { readonly reason: string };

function argumentProblem(arg: TetragonArg, what: string, maxIndex: number): string | undefined {
  if (!Number.isInteger(arg.index) || arg.index < 0 || arg.index > maxIndex) {
    return `${what} has index ${arg.index}; Tetragon reads indexes 0 to ${maxIndex} here`;
  }
  if (!ARGUMENT_TYPES.has(arg.type))
    return `${what} has type ${quote(arg.type)}, which Tetragon does not know`;
  if (arg.label !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(arg.label)) {
    return `${what} has the label ${quote(arg.label)}; use letters, digits, '_', '.' and '-' (at most 64)`;
  }
  return undefined;
}

function nameProblem(sensor: TetragonSensor): string | undefined {
  const parts = sensor.hook.split('/');
  if (sensor.hookType === 'tracepoint') {
    return parts.length === 2 && parts.every((part) => NAME.test(part))
      ? undefined
      : `tracepoint ${quote(sensor.hook)} must be written subsystem/event`;
  }
  return parts.length === 1 && NAME.test(sensor.hook)
    ? undefined
    : `${sensor.hookType} hook ${quote(sensor.hook)} is not a kernel function name`;
}

/** The hook a sensor arms, or why kstorm cannot generate a policy for it. */
export function resolveHook(sensor: TetragonSensor): ResolvedHook {
  if (sensor.hookType === 'event')
    return { reason: `${quote(sensor.hook)} is an event Tetragon emits without a policy` };
  const badName = nameProblem(sensor);
  if (badName !== undefined) return { reason: badName };
  const name = sensor.hookType === 'kprobe' ? policyCallName(sensor.hook) : sensor.hook;
  const known = catalogueHook(sensor.hookType, name);
  const args = sensor.args ?? known?.args;
  if (args === undefined) {
    return {
      reason: `kstorm does not know the arguments of ${sensor.hookType} ${quote(name)}: describe them in the sensor's args`,
    };
  }
  if (args.length > MAX_ARGS_PER_HOOK) {
    return { reason: `${args.length} arguments declared; Tetragon reads at most ${MAX_ARGS_PER_HOOK}` };
  }
  const maxIndex = sensor.hookType === 'tracepoint' ? MAX_TRACEPOINT_FIELD : MAX_ARGUMENT_INDEX;
  for (const [i, arg] of args.entries()) {
    const problem = argumentProblem(arg, `argument ${i + 1}`, maxIndex);
    if (problem !== undefined) return { reason: problem };
  }
  const returnArg = sensor.returnArg ?? known?.returnArg;
  if (returnArg !== undefined) {
    if (sensor.hookType !== 'kprobe') return { reason: `a ${sensor.hookType} hook reports no return value` };
    const problem = argumentProblem(returnArg, 'the return argument', MAX_ARGUMENT_INDEX);
    if (problem !== undefined) return { reason: problem };
  }
  const isSyscall = sensor.syscall ?? known?.syscall ?? name.startsWith('sys_');
  if (sensor.hookType !== 'kprobe' && sensor.syscall === true) {
    return { reason: `syscall: true applies to kprobes, not to a ${sensor.hookType}` };
  }
  if (sensor.hookType === 'kprobe' && !isSyscall && name.startsWith('sys_')) {
    return { reason: `${quote(name)} is a system call: Tetragon finds it only with syscall: true` };
  }
  const hook: HookDefinition = {
    hookType: sensor.hookType,
    name,
    syscall: sensor.hookType === 'kprobe' && isSyscall,
    args,
    description: known?.description ?? `${sensor.hookType} ${name} as the model describes it`,
  };
  const unusable = unusableFilter(sensor, hook);
  if (unusable !== undefined) return { reason: unusable };
  return { hook: returnArg === undefined ? hook : { ...hook, returnArg } };
}

/** Explicit selector values need an argument to go on. */
function unusableFilter(sensor: TetragonSensor, hook: HookDefinition): string | undefined {
  const paths = (sensor.paths?.length ?? 0) + (sensor.pathPrefixes?.length ?? 0);
  if (paths > 0 && pathPosition(hook) === undefined) {
    return `paths need exactly one file (or path string) argument, and ${quote(hook.name)} has ${describeArgs(hook)}`;
  }
  const network = (sensor.ports?.length ?? 0) + (sensor.addressParameters?.length ?? 0);
  if (network > 0 && destinationOperators(hook) === undefined) {
    return `ports and addresses need exactly one socket argument, and ${quote(hook.name)} has ${describeArgs(hook)}`;
  }
  return undefined;
}

function describeArgs(hook: HookDefinition): string {
  return hook.args.length === 0
    ? 'no arguments'
    : `arguments of type ${hook.args.map((a) => a.type).join(', ')}`;
}

/**
 * Why kstorm cannot generate a TracingPolicy for this sensor (an unknown hook without `args`, a bad
 * argument index or type, a return value on a hook that has none, …), or undefined when it can.
 */
export function tetragonSupport(sensor: TetragonSensor): string | undefined {
  if (sensor.hookType === 'event') {
    return sensor.hook === 'process_exec' || sensor.hook === 'process_exit'
      ? undefined
      : `Tetragon emits process_exec and process_exit without a policy; ${quote(sensor.hook)} is neither`;
  }
  const resolved = resolveHook(sensor);
  return 'reason' in resolved ? resolved.reason : undefined;
}
