/** Falco's priority on kstorm's severity scale, and ATT&CK technique ids among an alert's tags. */
import type { EventSeverity } from '../model.js';
import { techniquesOf } from '../shared/techniques.js';

export { techniquesOf };

const SEVERITY_BY_PRIORITY: ReadonlyMap<string, EventSeverity> = new Map([
  ['emergency', 'critical'],
  ['alert', 'critical'],
  ['critical', 'critical'],
  ['error', 'high'],
  ['warning', 'medium'],
  ['notice', 'low'],
  ['informational', 'informational'],
  ['info', 'informational'],
  ['debug', 'informational'],
]);

/**
 * Falco's eight priorities (syslog's levels) on kstorm's five-step scale: Emergency, Alert and Critical
 * are critical; Error high; Warning medium; Notice low; Informational (or Info) and Debug informational.
 * Case is ignored; an unknown priority has no severity (its text is still kept as `priority`).
 */
export function severityOfPriority(priority: string): EventSeverity | undefined {
  return SEVERITY_BY_PRIORITY.get(priority.toLowerCase());
}

// A technique or sub-technique id and nothing else: `T1059`, `T1611.001`.
