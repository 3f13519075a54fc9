/**
 * Which argument of a hook a filter goes on: the only file argument (or, for syscalls that take a path
 * as a plain string, the only string), and the only socket with the operators that test its destination.
 * "Only" matters: with two candidates kstorm cannot tell which one a pattern's condition is about.
 */
import { argumentFamily, argumentRole } from './argument-types.js';
import type { HookDefinition } from './hooks.js';

type Arguments = Pick<HookDefinition, 'args'>;

/** The only argument position that passes `test`, or undefined when none or several do. */
export function onlyPosition(
  hook: Arguments,
  test: (type: string, label: string | undefined) => boolean,
): number | undefined {
  const positions = hook.args.flatMap((arg, i) => (test(arg.type, arg.label) ? [i] : []));
  return positions.length === 1 ? positions[0] : undefined;
}

/** The only file argument that path operators apply to. */
export function fileArgumentPosition(hook: Arguments): number | undefined {
  const position = onlyPosition(hook, (type) => argumentRole(type).role === 'file');
  if (position === undefined) return undefined;
  return argumentFamily(hook.args[position]?.type ?? '') === 'text' ? position : undefined;
}

/** Where a sensor's explicit `paths` go: the only file argument, else the only `string` argument. */
export function pathPosition(hook: Arguments): number | undefined {
  if (hook.args.some((arg) => argumentRole(arg.type).role === 'file')) return fileArgumentPosition(hook);
  return onlyPosition(hook, (type) => type === 'string');
}

/** The only socket argument and the operators that test the flow's destination on it. */
export function destinationOperators(
  hook: Pick<HookDefinition, 'args' | 'name'>,
): { position: number; address: string; port: string } | undefined {
  const position = onlyPosition(hook, (type) => argumentRole(type).role === 'socket');
  if (position === undefined) return undefined;
  const type = hook.args[position]?.type;
  // A sockaddr is where the socket is pointed (the destination) but Tetragon filters it with SAddr/SPort;
  // on accept hooks the normaliser makes the local end (Tetragon's saddr) the destination.
  const local = type === 'sockaddr' || /accept/i.test(hook.name);
  return { position, address: local ? 'SAddr' : 'DAddr', port: local ? 'SPort' : 'DPort' };
}
