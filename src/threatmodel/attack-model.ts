/**
 * Attack models: a concrete path through one branch. Checks that the steps are leaves of that branch and
 * that, taken in order, they satisfy its gates (every child of an and, every child of a sand in order,
 * one child of an or).
 */

import { modelMetadata } from './build-model.js';
import type { ProblemList } from './problems.js';
import { findNode, nodesOf } from './tree.js';
import type { AttackModel, AttackStep, ThreatModel, TreeNode } from './types.js';
import type { SourceDocument } from './yaml-source.js';

type Raw = Record<string, unknown>;

/** Builds an AttackModel from a document that passed the schema. */
export function buildAttackModel(doc: SourceDocument): AttackModel {
  const root = doc.value as Raw;
  const spec = root['spec'] as Raw;
  const steps = (spec['steps'] as Raw[]).map(
    (s, i): AttackStep => ({
      leaf: String(s['leaf']),
      ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
      position: doc.position(['spec', 'steps', i]),
    }),
  );
  return {
    kind: 'AttackModel',
    metadata: modelMetadata(root['metadata'] as Raw),
    threatModel: String(spec['threatModel']),
    branch: String(spec['branch']),
    steps,
    position: doc.start,
  };
}

/** Where in the step list a subtree was satisfied: the first and last step it used. */
interface Span {
  readonly first: number;
  readonly last: number;
  readonly used: ReadonlySet<number>;
}

function satisfy(node: TreeNode, steps: readonly string[]): Span | undefined {
  if (node.type === 'leaf') {
    const at = steps.indexOf(node.id);
    return at < 0 ? undefined : { first: at, last: at, used: new Set([at]) };
  }
  const spans = node.children.map((c) => satisfy(c, steps));
  if (node.gate === 'or') {
    const done = spans.filter((s): s is Span => s !== undefined);
    return done.sort((a, b) => a.last - b.last)[0];
  }
  if (spans.some((s) => s === undefined)) return undefined;
  const all = spans as Span[];
  if (node.gate === 'sand') {
    for (let i = 1; i < all.length; i++) {
      if ((all[i] as Span).first <= (all[i - 1] as Span).last) return undefined;
    }
  }
  return {
    first: Math.min(...all.map((s) => s.first)),
    last: Math.max(...all.map((s) => s.last)),
    used: new Set(all.flatMap((s) => [...s.used])),
  };
}

/** Checks an attack model against the threat models it may refer to. */
export function checkAttackModel(
  attack: AttackModel,
  models: readonly ThreatModel[],
  problems: ProblemList,
): void {
  const model = models.find((m) => m.metadata.name === attack.threatModel);
  if (!model) {
    problems.error(
      'KSTORM_MODEL_REFERENCE',
      attack.position,
      `attack model ${attack.metadata.name}: no threat model named ${JSON.stringify(attack.threatModel)} was loaded (pass its file too)`,
    );
    return;
  }
  const branch = model.branches.find((b) => b.id === attack.branch);
  if (!branch) {
    problems.error(
      'KSTORM_MODEL_REFERENCE',
      attack.position,
      `attack model ${attack.metadata.name}: threat model ${model.metadata.name} has no branch ${JSON.stringify(attack.branch)}`,
    );
    return;
  }
  let known = true;
  for (const step of attack.steps) {
    const node = findNode(branch, step.leaf);
    if (node?.type === 'leaf') continue;
    known = false;
    problems.error(
      'KSTORM_MODEL_REFERENCE',
      step.position,
      node
        ? `step ${step.leaf} is a gate, not a leaf: list the leaves under it`
        : `step ${step.leaf} is not a leaf of branch ${branch.id}`,
    );
  }
  if (!known) return;
  const ids = attack.steps.map((s) => s.leaf);
  const span = satisfy(branch, ids);
  if (!span) {
    const leaves = [...nodesOf(branch)].filter((n) => n.type === 'leaf').map((n) => n.id);
    problems.error(
      'KSTORM_MODEL_PATH',
      attack.steps[0]?.position ?? attack.position,
      `attack model ${attack.metadata.name}: the steps do not reach the goal of branch ${branch.id} (its gates are not satisfied, or sand steps are out of order); its leaves: ${leaves.join(', ')}`,
    );
    return;
  }
  attack.steps.forEach((step, i) => {
    if (!span.used.has(i))
      problems.warning(
        'KSTORM_MODEL_PATH',
        step.position,
        `step ${step.leaf} is not needed to reach the goal (or it repeats an earlier step)`,
      );
  });
}
