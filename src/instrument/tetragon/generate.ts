/**
 * Generates one TracingPolicy per leaf of a threat model from the Tetragon sensors of its witnesses:
 * hooks named by several witnesses are armed once with their selectors OR-ed, and each selector is
 * narrowed only by what the witness pattern requires (witness-plans.ts). Every policy is validated
 * before it is returned; a failure there is a kstorm bug, reported as KSTORM_INSTRUMENT_INVALID.
 */
import {
  type Leaf,
  leavesOf,
  patternFacts,
  type TetragonSensor,
  type ThreatModel,
  type Witness,
} from '../../threatmodel/index.js';
import {
  GENERATED_BY_LABEL,
  GENERATED_BY_VALUE,
  type GeneratedFile,
  type InstrumentProblem,
  MODEL_LABEL,
  type ParameterValues,
} from '../types.js';
import { type HookDefinition, reportedHookNames } from './hooks.js';
import { isDnsSubdomain, MAX_NAME_LENGTH } from './limits.js';
import { resolveAddressParameters } from './parameters.js';
import { type HookSection, renderHook } from './render.js';
import { resolveHook } from './resolve-hook.js';
import { fitSelectors, type SelectorPlan } from './selector-plan.js';
import { TRACING_POLICY_API_VERSION, validateTracingPolicies } from './validate.js';
import { witnessPlans } from './witness-plans.js';

/** Annotations naming what a generated policy is for. */
export const LEAF_ANNOTATION = 'kstorm.dev/leaf';
export const TECHNIQUES_ANNOTATION = 'kstorm.dev/techniques';
export const WITNESSES_ANNOTATION = 'kstorm.dev/witnesses';

/** The TracingPolicy name for a leaf: `kstorm-<leaf id>`, made a DNS subdomain if the id is not one. */
export function policyNameForLeaf(leafId: string): string {
  const cleaned = `kstorm-${leafId}`
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[^a-z0-9]+$/, '');
  return cleaned;
}

interface HookGroup {
  readonly hook: HookDefinition;
  readonly plans: SelectorPlan[];
}

function hookKey(hook: HookDefinition): string {
  return JSON.stringify([hook.hookType, hook.name, hook.syscall, hook.args, hook.returnArg ?? null]);
}

type Problems = InstrumentProblem[];

function witnessProblem(
  problems: Problems,
  leaf: Leaf,
  witness: Witness,
  problem: Pick<InstrumentProblem, 'code' | 'severity' | 'message'>,
): void {
  problems.push({ ...problem, leaf: leaf.id, witness: witness.id });
}

/** The hooks a leaf's witnesses arm, or undefined when one of them cannot be generated as asked. */
function leafHooks(
  leaf: Leaf,
  model: ThreatModel,
  parameters: ParameterValues,
  problems: Problems,
): HookGroup[] | undefined {
  const groups = new Map<string, HookGroup>();
  let complete = true;
  for (const witness of leaf.witnesses) {
    if (witness.sensor.kind !== 'tetragon' || witness.sensor.hookType === 'event') continue;
    const sensor: TetragonSensor = witness.sensor;
    const resolved = resolveHook(sensor);
    if ('reason' in resolved) {
      witnessProblem(problems, leaf, witness, {
        code: 'KSTORM_MODEL_SENSOR',
        severity: 'error',
        message: `witness ${witness.id}: no TracingPolicy for its Tetragon sensor: ${resolved.reason}`,
      });
      complete = false;
      continue;
    }
    const addresses = resolveAddressParameters(sensor.addressParameters ?? [], model, parameters);
    for (const message of addresses.problems) {
      witnessProblem(problems, leaf, witness, {
        code: 'KSTORM_INSTRUMENT_PARAMETER',
        severity: 'error',
        message: `witness ${witness.id} ${message}`,
      });
    }
    if (addresses.problems.length > 0) {
      complete = false;
      continue;
    }
    const { hook } = resolved;
    const planned = witnessPlans(patternFacts(witness.pattern), hook, sensor, addresses.cidrs);
    if (!planned.concernsHook) {
      witnessProblem(problems, leaf, witness, {
        code: 'KSTORM_MODEL_SENSOR',
        severity: 'warning',
        message: `witness ${witness.id}: no observation of its pattern can come from ${hook.hookType} ${hook.name} (Tetragon reports it as ${reportedHookNames(hook).join(' or ')}); the hook is armed anyway`,
      });
    }
    const key = hookKey(hook);
    const group = groups.get(key) ?? { hook, plans: [] };
    group.plans.push(...planned.plans);
    groups.set(key, group);
  }
  return complete ? [...groups.values()] : undefined;
}

function policyFor(
  model: ThreatModel,
  leaf: Leaf,
  name: string,
  groups: readonly HookGroup[],
  problems: Problems,
) {
  const spec: Partial<Record<HookSection, Record<string, unknown>[]>> = {};
  for (const { hook, plans } of groups) {
    const fitted = fitSelectors(plans, hook);
    if (fitted.widened) {
      problems.push({
        code: 'KSTORM_POLICY_INVALID',
        severity: 'warning',
        leaf: leaf.id,
        message: `leaf ${leaf.id}: the witnesses of ${hook.name} need more than Tetragon's 5 selectors; they were merged into wider ones${fitted.plans.length === 0 ? ' (the hook is unfiltered)' : ''}`,
      });
    }
    const { section, entry } = renderHook(hook, fitted.plans);
    spec[section] = [...(spec[section] ?? []), entry];
  }
  const witnesses = leaf.witnesses
    .filter((w) => w.sensor.kind === 'tetragon' && w.sensor.hookType !== 'event')
    .map((w) => w.id);
  return {
    apiVersion: TRACING_POLICY_API_VERSION,
    kind: 'TracingPolicy',
    metadata: {
      name,
      labels: { [GENERATED_BY_LABEL]: GENERATED_BY_VALUE, [MODEL_LABEL]: model.metadata.name },
      annotations: {
        [LEAF_ANNOTATION]: leaf.id,
        [TECHNIQUES_ANNOTATION]: leaf.techniques.join(','),
        [WITNESSES_ANNOTATION]: witnesses.join(','),
      },
    },
    spec,
  };
}

/**
 * The TracingPolicies a threat model needs (one file per leaf with Tetragon witnesses, in tree order)
 * and the problems found. Deterministic: the same model and parameters give the same documents.
 */
export function generateTracingPolicies(
  model: ThreatModel,
  parameters: ParameterValues,
): { files: GeneratedFile[]; problems: InstrumentProblem[] } {
  const files: GeneratedFile[] = [];
  const problems: InstrumentProblem[] = [];
  const leafByName = new Map<string, string>();
  for (const { leaf } of leavesOf(model)) {
    if (!leaf.witnesses.some((w) => w.sensor.kind === 'tetragon' && w.sensor.hookType !== 'event')) continue;
    const name = policyNameForLeaf(leaf.id);
    const earlier = leafByName.get(name);
    if (earlier !== undefined || !isDnsSubdomain(name)) {
      problems.push({
        code: 'KSTORM_POLICY_NAME_COLLISION',
        severity: 'error',
        leaf: leaf.id,
        message: `leaf ${leaf.id}: its TracingPolicy would be named ${JSON.stringify(name)}, ${earlier === undefined ? 'which is not a valid name' : `like the one of leaf ${earlier}`}; give the leaves distinct ids`,
      });
      continue;
    }
    leafByName.set(name, leaf.id);
    const groups = leafHooks(leaf, model, parameters, problems);
    if (groups === undefined || groups.length === 0) continue;
    const policy = policyFor(model, leaf, name, groups, problems);
    const path = `tetragon/${name}.yaml`;
    const invalid = validateTracingPolicies([{ name: path, value: policy }]);
    for (const problem of invalid) {
      problems.push({ ...problem, code: 'KSTORM_INSTRUMENT_INVALID', leaf: leaf.id });
    }
    if (invalid.some((problem) => problem.severity === 'error')) continue;
    files.push({
      path,
      documents: [policy],
      kubernetes: true,
      header: `Generated by kstorm from threat model ${model.metadata.name}, leaf ${leaf.id}: a Tetragon TracingPolicy (kubectl apply -f).`,
    });
  }
  return { files, problems };
}
