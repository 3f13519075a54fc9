/** Falco's priority on kstorm's severity scale, and ATT&CK technique ids among an alert's tags. */
import type { Severity } from '../model.js';

const SEVERITY_BY_PRIORITY: ReadonlyMap<string, Severity> = new Map([
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
export function severityOfPriority(priority: string): Severity | undefined {
  return SEVERITY_BY_PRIORITY.get(priority.toLowerCase());
}

// A technique or sub-technique id and nothing else: `T1059`, `T1611.001`.
const TECHNIQUE = /^[Tt]\d{4}(?:\.\d{3})?$/;

/** The ATT&CK technique ids among `tags`, upper-cased, first occurrence kept; undefined when none. */
export function techniquesOf(tags: readonly string[] | undefined): readonly string[] | undefined {
  if (tags === undefined) return undefined;
  let out: string[] | undefined;
  for (const tag of tags) {
    if (tag.length > 9 || !TECHNIQUE.test(tag)) continue;
    const id = tag.toUpperCase();
    if (out === undefined) out = [id];
    else if (!out.includes(id)) out.push(id);
  }
  return out;
}
