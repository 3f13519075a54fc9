// Real indicator patterns from the k8sstormcenter upstream bundles, copied verbatim, with the outcome this
// parser and checker give. Several are invalid by design or by accident (non-STIX object types, postfix
// EXISTS); several put properties straight under `extensions`, where only extensions live (STIX has no
// file:path either); one is valid but can never match, because it ANDs network-traffic and user-account
// comparisons inside one [ … ], where all comparisons bind to one object.
import { describe, expect, it } from 'vitest';
import { validatePattern } from './index.js';

/** [pattern, outcome]: 'ok', or the codes (errors and warnings) in order. */
const UPSTREAM: readonly (readonly [string, string])[] = [
  [
    "[file:path = '/var/log' AND file:extensions.symlink.path MATCHES '.*(ssh|password).*']",
    'KSTORM_PATTERN_UNKNOWN_PROPERTY@7 KSTORM_PATTERN_UNKNOWN_PROPERTY@45',
  ],
  ['[kubernetes-persistent-volume:spec.hostPath.path EXISTS]', 'KSTORM_PATTERN_SYNTAX@50'],
  [
    "[kubernetes-pod:spec.volumes[*].persistentVolumeClaim.claimName EXISTS AND kubernetes-pod:spec.volumes[*].hostPath.path = '/var/log']",
    'KSTORM_PATTERN_SYNTAX@65',
  ],
  [
    "[network-traffic:protocols[*] = 'ssh' AND network-traffic:dst_port = 22 AND user-account:user_id NOT IN ('expected_user_list')]",
    'KSTORM_PATTERN_UNSATISFIABLE@77',
  ],
  ["[process:command_line MATCHES '/usr/bin/gdb']", 'ok'],
  [
    "[process:command_line MATCHES '/usr/bin/nsenter -t 1' OR process:extensions.function_name MATCHES '__x64_sys_setns']",
    'KSTORM_PATTERN_UNKNOWN_PROPERTY@77',
  ],
  [
    "[process:command_line MATCHES 'iptables -t nat -A PREROUTING' AND process:command_line MATCHES 'mitmdump']",
    'ok',
  ],
  ["[process:command_line MATCHES 'kubectl logs .*']", 'ok'],
  ["[process:command_line MATCHES 'ln -s' AND process:command_line MATCHES '/var/log']", 'ok'],
  ["[process:command_line MATCHES 'modprobe']", 'ok'],
  ["[process:command_line MATCHES 'mount -t proc proc /proc']", 'ok'],
  [
    "[process:extensions.function_name MATCHES '__x64_sys_setns' OR process:extensions.function_name MATCHES '__x64_sys_mount']",
    'KSTORM_PATTERN_UNKNOWN_PROPERTY@21 KSTORM_PATTERN_UNKNOWN_PROPERTY@83',
  ],
  [
    "[process:extensions.function_name MATCHES 'security_file_permission']",
    'KSTORM_PATTERN_UNKNOWN_PROPERTY@21',
  ],
];

function outcome(text: string): string {
  const { diagnostics } = validatePattern(text);
  if (diagnostics.length === 0) return 'ok';
  return diagnostics.map((d) => `${d.code}@${d.column}`).join(' ');
}

describe('upstream k8sstormcenter patterns', () => {
  it.each(UPSTREAM)('%s → %s', (text, expected) => {
    expect(outcome(text)).toBe(expected);
  });
});
