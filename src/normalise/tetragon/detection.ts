/**
 * The detection of a TracingPolicy hook event: which hook fired (kprobe function, `subsys/event`
 * tracepoint, LSM hook, `path:symbol` uprobe, `path:provider:name` USDT), the policy, its action, tags,
 * message and the hook's return value.
 */
import type {
  TetragonKprobe,
  TetragonLsm,
  TetragonTracepoint,
  TetragonUprobe,
  TetragonUsdt,
} from '../../sources/index.js';
import type { DetectionInfo } from '../model.js';
import type { Mutable } from './process.js';
import { renderValue } from './render.js';

export type TetragonHookEvent =
  | TetragonKprobe
  | TetragonTracepoint
  | TetragonLsm
  | TetragonUprobe
  | TetragonUsdt;

function joined(separator: string, ...parts: readonly (string | undefined)[]): string | undefined {
  let out: string | undefined;
  for (const part of parts)
    if (part !== undefined) out = out === undefined ? part : `${out}${separator}${part}`;
  return out;
}

/** The hook that fired, as a witness would name it. */
export function hookOf(event: TetragonHookEvent): string | undefined {
  switch (event.kind) {
    case 'process_kprobe':
    case 'process_lsm':
      return event.functionName;
    case 'process_tracepoint':
      return joined('/', event.subsys, event.event);
    case 'process_uprobe':
      // A uprobe names a symbol, or an offset into the binary when it has none.
      return joined(
        ':',
        event.path,
        event.symbol ?? (event.offset === undefined ? undefined : `+${event.offset}`),
      );
    case 'process_usdt':
      return joined(':', event.path, event.provider, event.name);
  }
}

export function policyDetection(event: TetragonHookEvent, hook: string | undefined): Mutable<DetectionInfo> {
  const out: Mutable<DetectionInfo> = {};
  if (hook !== undefined) out.hook = hook;
  if (event.policyName !== undefined) out.policy = event.policyName;
  if (event.action !== undefined) out.action = event.action;
  if (event.message !== undefined) out.message = event.message;
  if (event.tags !== undefined) out.tags = event.tags;
  if (event.kind === 'process_kprobe' && event.returnValue !== undefined) {
    out.returnValue = renderValue(event.returnValue);
  }
  return out;
}
