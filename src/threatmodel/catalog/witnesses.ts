/** Small builders that keep the ready-made leaves readable: one line per witness. */
import type { ReadyWitness } from './types.js';

/** A syscall as Tetragon reports it on either architecture. */
export function syscall(name: string): string {
  return `x-kstorm-event:hook IN ('__x64_sys_${name}', '__arm64_sys_${name}')`;
}

export const tetragon = (pattern: string, description?: string): ReadyWitness => ({
  pattern,
  sensor: 'tetragon',
  ...(description ? { description } : {}),
});

export const audit = (pattern: string, description?: string): ReadyWitness => ({
  pattern,
  sensor: 'audit',
  ...(description ? { description } : {}),
});

/** A stock Falco rule, by name; `k8s_audit` for the rules of Falco's k8saudit plugin. */
export const falco = (rule: string, source: 'syscall' | 'k8s_audit' = 'syscall'): ReadyWitness => ({
  pattern: `[x-kstorm-event:source = 'falco' AND x-kstorm-event:rule_name = '${rule.replaceAll("'", "\\'")}']`,
  sensor: source === 'syscall' ? 'falco' : { falco: { rule, source } },
});

/** A Kubescape node-agent runtime rule, by id. */
export const kubescape = (rule: string): ReadyWitness => ({
  pattern: `[x-kstorm-event:source = 'kubescape' AND x-kstorm-event:rule_id = '${rule}']`,
  sensor: 'kubescape',
});

/** A process started in a pod (Tetragon process_exec, no policy needed). */
export const exec = (condition: string, description?: string): ReadyWitness =>
  tetragon(
    `[x-kstorm-event:kind = 'process_exec' AND EXISTS x-kstorm-event:pod_ref AND ${condition}]`,
    description,
  );
