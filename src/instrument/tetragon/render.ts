/**
 * Writes a hook and its selector plans as the plain object a TracingPolicy's spec holds. No selector
 * names an action: Tetragon's default for a matching selector is `Post`, which is what kstorm wants.
 */
import type { HookDefinition } from './hooks.js';
import type { SelectorPlan } from './selector-plan.js';

/** The spec section each hook type is written under. */
export type HookSection = 'kprobes' | 'tracepoints' | 'lsmhooks';

const SECTION: Readonly<Record<HookDefinition['hookType'], HookSection>> = {
  kprobe: 'kprobes',
  tracepoint: 'tracepoints',
  lsm: 'lsmhooks',
};

function argument(arg: HookDefinition['args'][number]): Record<string, unknown> {
  return arg.label === undefined
    ? { index: arg.index, type: arg.type }
    : { index: arg.index, type: arg.type, label: arg.label };
}

function selector(plan: SelectorPlan, hook: HookDefinition): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (plan.args.length > 0) {
    out['matchArgs'] = plan.args.map((condition) => ({
      // Tracepoint filters count positions in `args`; the others name the function argument's index.
      index:
        hook.hookType === 'tracepoint' ? condition.position : (hook.args[condition.position]?.index ?? 0),
      operator: condition.operator,
      values: [...condition.values],
    }));
  }
  if (plan.binary !== undefined) {
    out['matchBinaries'] = [{ operator: plan.binary.operator, values: [...plan.binary.values] }];
  }
  return out;
}

/** The hook as its spec section writes it; no `selectors` when `plans` is empty (unfiltered). */
export function renderHook(
  hook: HookDefinition,
  plans: readonly SelectorPlan[],
): { section: HookSection; entry: Record<string, unknown> } {
  const entry: Record<string, unknown> = {};
  switch (hook.hookType) {
    case 'kprobe':
      entry['call'] = hook.name;
      entry['syscall'] = hook.syscall;
      break;
    case 'lsm':
      entry['hook'] = hook.name;
      break;
    case 'tracepoint': {
      const [subsystem, event] = hook.name.split('/');
      entry['subsystem'] = subsystem;
      entry['event'] = event;
      break;
    }
  }
  entry['args'] = hook.args.map(argument);
  if (hook.returnArg !== undefined) {
    entry['return'] = true;
    entry['returnArg'] = argument(hook.returnArg);
  }
  if (plans.length > 0) entry['selectors'] = plans.map((plan) => selector(plan, hook));
  return { section: SECTION[hook.hookType], entry };
}
