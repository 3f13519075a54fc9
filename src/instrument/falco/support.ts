/**
 * Whether kstorm can provide a witness's Falco rule: a stock rule Falco ships, or one kstorm writes
 * from the witness's own condition. The threat-model loader asks this for every Falco witness.
 */
import type { FalcoSensor } from '../../threatmodel/index.js';
import { conditionProblem, outputProblem } from './condition.js';
import { FALCO_PRIORITIES } from './rules.js';
import { STOCK_FALCO_RULES } from './stock-rules.js';

/** A rule name for messages: JSON-quoted, at most 120 characters of it. */
export function quoted(name: string): string {
  return JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name);
}

/** Why kstorm cannot provide this Falco sensor, or undefined when it can. */
export function falcoSupport(sensor: FalcoSensor): string | undefined {
  if (sensor.condition === undefined) {
    if (STOCK_FALCO_RULES.has(sensor.rule)) return undefined;
    return `Falco rule ${quoted(sensor.rule)} is not one Falco ships (stable, incubating, sandbox or k8saudit rules): give the sensor a condition so kstorm writes the rule`;
  }
  const condition = conditionProblem(sensor.condition);
  if (condition !== undefined) return `Falco rule ${quoted(sensor.rule)}: ${condition}`;
  const output = sensor.output === undefined ? undefined : outputProblem(sensor.output.trim());
  if (output !== undefined) return `Falco rule ${quoted(sensor.rule)}: ${output}`;
  if (sensor.priority !== undefined && !FALCO_PRIORITIES.includes(sensor.priority.toUpperCase())) {
    return `Falco rule ${quoted(sensor.rule)}: unknown priority (one of ${FALCO_PRIORITIES.join(', ')})`;
  }
  return undefined;
}
