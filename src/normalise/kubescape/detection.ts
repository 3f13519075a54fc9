/** Kubescape's numeric severity on kstorm's scale, and ATT&CK technique ids from an alert's MITRE fields. */
import type { EventSeverity } from '../model.js';
import { techniquesOf } from '../shared/techniques.js';

export { techniquesOf };

/** The node-agent's severity for problems of the agent itself (`RulePrioritySystemIssue`). */
export const KUBESCAPE_SYSTEM_ISSUE = 1000;

/**
 * The node-agent rates rules 0–10 (`RulePriorityNone` 0, `Low` 1, `Med` 5, `High` 8, `Critical` 10; the
 * bundled rules also use 3) and its own problems 1000. On kstorm's scale: 0 informational, 1–4 low, 5–7
 * medium, 8–9 high, 10 and above critical, 1000 and above informational (not an attack). Negative
 * values have no severity.
 */
export function severityOfKubescape(severity: number): EventSeverity | undefined {
  if (severity < 0) return undefined;
  if (severity >= KUBESCAPE_SYSTEM_ISSUE) return 'informational';
  if (severity >= 10) return 'critical';
  if (severity >= 8) return 'high';
  if (severity >= 5) return 'medium';
  if (severity >= 1) return 'low';
  return 'informational';
}

// A technique or sub-technique id and nothing else: `T1059`, `T1611.001`.
