/**
 * Checks generated Falco rules before they are written: the keys Falco requires, a known priority and
 * source, a condition and output that pass the checks in condition.ts, string tags, and unique names.
 * Falco's own loader still checks field names and operators; these are what kstorm can know without it.
 */
import type { InstrumentProblem } from '../types.js';
import { conditionProblem, outputProblem } from './condition.js';
import { FALCO_PRIORITIES } from './rules.js';

const REQUIRED_TEXT = ['rule', 'desc', 'condition', 'output', 'priority'] as const;
const SOURCES = new Set(['syscall', 'k8s_audit']);

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The validation failures of a Falco rules document (a list of `rule` items); empty when it is sound. */
export function validateFalcoRules(document: unknown): InstrumentProblem[] {
  const problems: InstrumentProblem[] = [];
  const invalid = (path: string, message: string) =>
    problems.push({ code: 'KSTORM_INSTRUMENT_INVALID', severity: 'error', message, path });
  if (!Array.isArray(document)) {
    invalid('/', 'a Falco rules file must be a list');
    return problems;
  }
  const names = new Set<string>();
  document.forEach((item: unknown, index) => {
    const at = `/${index}`;
    if (!isObject(item)) {
      invalid(at, `Falco rules item ${index} must be an object`);
      return;
    }
    for (const key of REQUIRED_TEXT) {
      if (typeof item[key] !== 'string' || (item[key] as string).trim() === '') {
        invalid(`${at}/${key}`, `Falco rule ${index} needs a non-empty ${key}`);
      }
    }
    const name = item['rule'];
    if (typeof name === 'string') {
      if (names.has(name))
        invalid(`${at}/rule`, `Falco rule name ${JSON.stringify(name.slice(0, 120))} is defined twice`);
      names.add(name);
    }
    const priority = item['priority'];
    if (typeof priority === 'string' && !FALCO_PRIORITIES.includes(priority.toUpperCase())) {
      invalid(
        `${at}/priority`,
        `Falco rule ${index} has an unknown priority (one of ${FALCO_PRIORITIES.join(', ')})`,
      );
    }
    if (!SOURCES.has(String(item['source'])))
      invalid(`${at}/source`, `Falco rule ${index} source must be syscall or k8s_audit`);
    const condition = item['condition'];
    const badCondition =
      typeof condition === 'string' && condition.trim() !== '' ? conditionProblem(condition) : undefined;
    if (badCondition !== undefined) invalid(`${at}/condition`, `Falco rule ${index}: ${badCondition}`);
    const output = item['output'];
    const badOutput = typeof output === 'string' && output.trim() !== '' ? outputProblem(output) : undefined;
    if (badOutput !== undefined) invalid(`${at}/output`, `Falco rule ${index}: ${badOutput}`);
    const tags = item['tags'];
    if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string' || tag === '')) {
      invalid(`${at}/tags`, `Falco rule ${index} tags must be a list of non-empty strings`);
    }
  });
  return problems;
}
