/**
 * Tetragon instrumentation: TracingPolicies generated from a threat model's witnesses, the catalogue
 * of hooks kstorm can arm, and a validator for any TracingPolicy (CRD schema, Tetragon's limits, name
 * collisions).
 */
export {
  generateTracingPolicies,
  LEAF_ANNOTATION,
  policyNameForLeaf,
  TECHNIQUES_ANNOTATION,
  WITNESSES_ANNOTATION,
} from './generate.js';
export {
  catalogueHook,
  HOOK_CATALOGUE,
  type HookDefinition,
  policyCallName,
  reportedHookNames,
} from './hooks.js';
export { type ResolvedHook, resolveHook, tetragonSupport } from './resolve-hook.js';
export { type PolicyDocument, TRACING_POLICY_API_VERSION, validateTracingPolicies } from './validate.js';
