/**
 * Falco instrumentation: a rules file with one rule per witness that gives its own condition. Witnesses
 * naming a stock Falco rule need nothing generated; they are checked against the names Falco ships.
 */
import {
  type FalcoSensor,
  type Leaf,
  leavesOf,
  type ThreatModel,
  type Witness,
} from '../../threatmodel/index.js';
import type { GeneratedFile, InstrumentProblem, ParameterValues } from '../types.js';
import { ESSENTIAL_FIELDS, type FalcoRule, falcoRuleOf } from './rules.js';
import { STOCK_FALCO_RULES } from './stock-rules.js';
import { falcoSupport, quoted } from './support.js';
import { validateFalcoRules } from './validate.js';

export { conditionProblem } from './condition.js';
export { DEFAULT_PRIORITY, defaultOutput, FALCO_PRIORITIES, type FalcoRule } from './rules.js';
export { type FalcoRuleset, STOCK_FALCO_RULES, type StockFalcoRule } from './stock-rules.js';
export { falcoSupport } from './support.js';
export { validateFalcoRules } from './validate.js';

export const FALCO_RULES_PATH = 'falco/kstorm-rules.yaml';

interface FalcoWitness {
  readonly leaf: Leaf;
  readonly witness: Witness;
  readonly sensor: FalcoSensor;
}

function falcoWitnesses(model: ThreatModel): FalcoWitness[] {
  const seen = new Set<string>();
  const out: FalcoWitness[] = [];
  for (const { leaf } of leavesOf(model)) {
    for (const witness of leaf.witnesses) {
      if (witness.sensor.kind !== 'falco' || seen.has(witness.id)) continue;
      seen.add(witness.id);
      out.push({ leaf, witness, sensor: witness.sensor });
    }
  }
  return out;
}

function sameDefinition(a: FalcoRule, b: FalcoRule): boolean {
  return (
    a.condition === b.condition && a.output === b.output && a.priority === b.priority && a.source === b.source
  );
}

/** What a witness relying on a stock rule should know: rulesets not loaded by default, a source mismatch. */
function stockProblems({ leaf, witness, sensor }: FalcoWitness): InstrumentProblem[] {
  const stock = STOCK_FALCO_RULES.get(sensor.rule);
  if (stock === undefined) return [];
  const about = { witness: witness.id, leaf: leaf.id };
  const out: InstrumentProblem[] = [];
  if (stock.ruleset === 'incubating' || stock.ruleset === 'sandbox') {
    out.push({
      code: 'KSTORM_MODEL_SENSOR',
      severity: 'warning',
      message: `witness ${witness.id} relies on Falco's ${stock.ruleset} rule ${quoted(sensor.rule)}, which Falco does not load by default: add falco-${stock.ruleset}_rules.yaml to rules_files`,
      ...about,
    });
  }
  if (stock.source !== sensor.source) {
    out.push({
      code: 'KSTORM_MODEL_SENSOR',
      severity: 'warning',
      message: `witness ${witness.id} says source ${sensor.source}, but Falco's rule ${quoted(sensor.rule)} is a ${stock.source} rule`,
      ...about,
    });
  }
  return out;
}

/** The Falco rules file for `model`; no file when no witness describes its own rule. */
export function generateFalco(
  model: ThreatModel,
  _parameters: ParameterValues,
): { readonly files: readonly GeneratedFile[]; readonly problems: readonly InstrumentProblem[] } {
  const problems: InstrumentProblem[] = [];
  const rules = new Map<string, FalcoRule>();
  for (const entry of falcoWitnesses(model)) {
    const { leaf, witness, sensor } = entry;
    const about = { witness: witness.id, leaf: leaf.id };
    const unsupported = falcoSupport(sensor);
    if (unsupported !== undefined) {
      problems.push({
        code: 'KSTORM_MODEL_SENSOR',
        severity: 'error',
        message: `witness ${witness.id}: ${unsupported}`,
        ...about,
      });
      continue;
    }
    if (sensor.condition === undefined) {
      problems.push(...stockProblems(entry));
      continue;
    }
    const rule = falcoRuleOf(leaf, witness, { ...sensor, condition: sensor.condition });
    const known = rules.get(rule.rule);
    if (known !== undefined) {
      if (sameDefinition(known, rule))
        rules.set(rule.rule, { ...known, tags: [...new Set([...known.tags, ...rule.tags])] });
      else {
        problems.push({
          code: 'KSTORM_INSTRUMENT_INVALID',
          severity: 'error',
          message: `witness ${witness.id} defines Falco rule ${quoted(rule.rule)} differently from an earlier witness: give it its own rule name`,
          ...about,
        });
      }
      continue;
    }
    rules.set(rule.rule, rule);
    problems.push(...ruleWarnings(rule, entry));
  }
  if (rules.size === 0) return { files: [], problems };
  const document = [...rules.values()];
  problems.push(...validateFalcoRules(document));
  const file: GeneratedFile = {
    path: FALCO_RULES_PATH,
    documents: [document],
    kubernetes: false,
    header: [
      `kstorm Falco rules for threat model ${model.metadata.name}: one rule per witness that describes its own condition.`,
      "Load it after Falco's own rules (conditions may use their macros and lists), e.g. add it to rules_files in",
      'falco.yaml, pass it with -r, or put it under customRules in the Falco Helm chart. Send alerts to kstorm with',
      'json_output: true and http_output (url: <kstorm>/ingest/falco), or through falcosidekick.',
    ].join('\n'),
  };
  return { files: [file], problems };
}

/** Warnings for one generated rule: it replaces a stock rule, or its output misses fields kstorm reads. */
function ruleWarnings(rule: FalcoRule, { leaf, witness, sensor }: FalcoWitness): InstrumentProblem[] {
  const about = { witness: witness.id, leaf: leaf.id };
  const out: InstrumentProblem[] = [];
  if (STOCK_FALCO_RULES.has(rule.rule)) {
    out.push({
      code: 'KSTORM_MODEL_SENSOR',
      severity: 'warning',
      message: `witness ${witness.id} writes Falco rule ${quoted(rule.rule)}, which replaces Falco's stock rule of that name when loaded after it`,
      ...about,
    });
  }
  if (sensor.output !== undefined) {
    const missing = ESSENTIAL_FIELDS[rule.source].filter((field) => !rule.output.includes(`%${field}`));
    if (missing.length > 0) {
      out.push({
        code: 'KSTORM_MODEL_SENSOR',
        severity: 'warning',
        message: `witness ${witness.id}: the output of Falco rule ${quoted(rule.rule)} does not print ${missing.map((f) => `%${f}`).join(', ')}, which kstorm reads to place the alert`,
        ...about,
      });
    }
  }
  return out;
}
