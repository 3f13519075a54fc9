/**
 * One Falco rule per witness that describes its own condition. The default output prints the fields
 * kstorm's Falco normaliser reads: the process, its container and pod for syscall rules, and for
 * k8s_audit rules the audit id and verb it needs to rebuild the API request (plus the request's details).
 */
import type { FalcoSensor, Leaf, Witness } from '../../threatmodel/index.js';

/** A Falco rule as written in a rules file (`- rule: …`). */
export interface FalcoRule {
  readonly rule: string;
  readonly desc: string;
  readonly condition: string;
  readonly output: string;
  readonly priority: string;
  readonly source: 'syscall' | 'k8s_audit';
  readonly tags: readonly string[];
}

/** Falco's priorities (syslog levels), as Falco's rules write them. */
export const FALCO_PRIORITIES: readonly string[] = [
  'EMERGENCY',
  'ALERT',
  'CRITICAL',
  'ERROR',
  'WARNING',
  'NOTICE',
  'INFORMATIONAL',
  'INFO',
  'DEBUG',
];
export const DEFAULT_PRIORITY = 'WARNING';

/** Output fields printed for syscall rules: the acting process, its parent, the file, container and pod. */
export const SYSCALL_OUTPUT_FIELDS: readonly (readonly [label: string, field: string])[] = [
  ['evt_type', 'evt.type'],
  ['user', 'user.name'],
  ['user_uid', 'user.uid'],
  ['user_loginuid', 'user.loginuid'],
  ['process', 'proc.name'],
  ['proc_exepath', 'proc.exepath'],
  ['command', 'proc.cmdline'],
  ['pid', 'proc.pid'],
  ['parent', 'proc.pname'],
  ['ppid', 'proc.ppid'],
  ['file', 'fd.name'],
  ['container_id', 'container.id'],
  ['container_name', 'container.name'],
  ['image', 'container.image.repository'],
  ['image_tag', 'container.image.tag'],
  ['k8s_ns', 'k8s.ns.name'],
  ['k8s_pod', 'k8s.pod.name'],
];

/** Output fields printed for k8s_audit rules; the normaliser builds the request from the first two. */
export const AUDIT_OUTPUT_FIELDS: readonly (readonly [label: string, field: string])[] = [
  ['audit_id', 'ka.auditid'],
  ['verb', 'ka.verb'],
  ['user', 'ka.user.name'],
  ['groups', 'ka.user.groups'],
  ['resource', 'ka.target.resource'],
  ['subresource', 'ka.target.subresource'],
  ['ns', 'ka.target.namespace'],
  ['name', 'ka.target.name'],
  ['uri', 'ka.uri'],
  ['source_ips', 'ka.sourceips'],
  ['user_agent', 'ka.useragent'],
  ['response_code', 'ka.response.code'],
  ['decision', 'ka.auth.decision'],
];

/** The fields an output must print for kstorm to place the alert (container and pod, or the request). */
export const ESSENTIAL_FIELDS: Readonly<Record<FalcoSensor['source'], readonly string[]>> = {
  syscall: ['proc.pid', 'proc.exepath', 'container.id', 'k8s.ns.name', 'k8s.pod.name'],
  k8s_audit: ['ka.auditid', 'ka.verb'],
};

// The rule name is free text: a `%` in it would read as a field, so the output keeps only plain characters.
const NOT_PLAIN = /[^A-Za-z0-9 _.,:/()-]/g;

/** The default output line: the rule name, then `label=%field` for each field kstorm reads. */
export function defaultOutput(rule: string, source: FalcoSensor['source']): string {
  const fields = source === 'k8s_audit' ? AUDIT_OUTPUT_FIELDS : SYSCALL_OUTPUT_FIELDS;
  const title = rule.slice(0, 120).replace(NOT_PLAIN, '_').trim() || 'kstorm rule';
  return `${title} | ${fields.map(([label, field]) => `${label}=%${field}`).join(' ')}`;
}

/** Tags: `kstorm`, the leaf's techniques, the leaf id, then the author's own; each once. */
export function ruleTags(leaf: Leaf, sensor: FalcoSensor): string[] {
  return [...new Set(['kstorm', ...leaf.techniques, leaf.id, ...sensor.tags])];
}

/** The rule a witness with a `condition` asks for. */
export function falcoRuleOf(
  leaf: Leaf,
  witness: Witness,
  sensor: FalcoSensor & { readonly condition: string },
): FalcoRule {
  const about = leaf.description === undefined ? leaf.name : `${leaf.name}: ${leaf.description}`;
  return {
    rule: sensor.rule,
    desc: `${about} (kstorm witness ${witness.id})`,
    condition: sensor.condition.trim(),
    output: sensor.output?.trim() ?? defaultOutput(sensor.rule, sensor.source),
    priority: (sensor.priority ?? DEFAULT_PRIORITY).toUpperCase(),
    source: sensor.source,
    tags: ruleTags(leaf, sensor),
  };
}
