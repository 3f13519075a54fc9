/**
 * The storm level of the whole center, in the spirit of the Internet Storm Center's Infocon: one word an
 * operator can read at a glance, from documented rules over the incidents and sessions (observation
 * time, so a replay shows the level the live center showed). The first rule that holds wins:
 *
 * - red:    an actor reached a goal in the last hour, or 3 or more critical incidents in the last 24 hours;
 * - orange: a critical or high incident in the last 24 hours;
 * - yellow: any incident in the last 24 hours, or 10 or more actor sessions active in the last hour;
 * - green:  none of the above.
 */
export type StormLevel = 'green' | 'yellow' | 'orange' | 'red';

export interface StormInputs {
  readonly now: bigint;
  readonly incidents: readonly {
    readonly severity: string;
    readonly goalReached: boolean;
    readonly updated: bigint;
  }[];
  /** Last observation time of each live session. */
  readonly sessionsLastSeen: readonly bigint[];
}

export interface StormAssessment {
  readonly level: StormLevel;
  /** The rule that decided, for people. */
  readonly reason: string;
}

const HOUR = 3_600_000_000_000n;
const DAY = 24n * HOUR;

export function stormLevel({ now, incidents, sessionsLastSeen }: StormInputs): StormAssessment {
  const lastDay = incidents.filter((i) => now - i.updated <= DAY);
  const goals = lastDay.filter((i) => i.goalReached && now - i.updated <= HOUR).length;
  if (goals > 0) return { level: 'red', reason: `${goals} actor(s) reached a goal in the last hour` };
  const critical = lastDay.filter((i) => i.severity === 'critical').length;
  if (critical >= 3) return { level: 'red', reason: `${critical} critical incidents in the last 24 hours` };
  const serious = lastDay.filter((i) => i.severity === 'critical' || i.severity === 'high').length;
  if (serious > 0)
    return { level: 'orange', reason: `${serious} critical or high incident(s) in the last 24 hours` };
  if (lastDay.length > 0)
    return { level: 'yellow', reason: `${lastDay.length} incident(s) in the last 24 hours` };
  const active = sessionsLastSeen.filter((t) => now - t <= HOUR).length;
  if (active >= 10) return { level: 'yellow', reason: `${active} actor sessions active in the last hour` };
  return { level: 'green', reason: 'no incident in the last 24 hours and few active actors' };
}
