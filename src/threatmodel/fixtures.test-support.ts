/** Small threat models for the tests of the stages that consume them (correlate, quantify). */
import { loadModelText } from './load.js';
import type { ThreatModel } from './types.js';

/** A leaf in YAML flow style with one Kubescape witness (rule id = leaf id) and an optional prior. */
export function witnessedLeaf(id: string, probability?: number): string {
  const priors = probability === undefined ? '' : `priors: {probability: ${probability}}, `;
  return `{id: ${id}, techniques: [T1611], ${priors}witnesses: [{pattern: "[x-kstorm-event:rule_id = '${id}']", sensor: kubescape}]}`;
}

/** A model from the YAML of its `spec.branches` items (indented as list items under `branches:`). */
export function modelFromBranches(branchesYaml: string): ThreatModel {
  const text = `apiVersion: kstorm.dev/v1alpha1\nkind: ThreatModel\nmetadata: {name: t}\nspec:\n  branches:\n${branchesYaml}`;
  const result = loadModelText(text, 't.yaml');
  const errors = result.problems.filter((p) => p.severity === 'error');
  const [model] = result.threatModels;
  if (errors.length > 0 || !model) throw new Error(`test model does not load: ${JSON.stringify(errors)}`);
  return model;
}
