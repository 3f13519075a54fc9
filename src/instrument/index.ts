/**
 * Instrumentation generated from threat models: TracingPolicies, the audit policy and its webhook
 * kubeconfig, Falco rules, the Kubescape rule binding, bait, and the kustomization; plus the coverage
 * lint that keeps instrumentation and witnesses in step. Pure: returns documents, the CLI writes files.
 */
export {
  AUDIT_POLICY_PATH,
  AUDIT_POLICY_SCHEMA,
  AUDIT_WEBHOOK_PATH,
  generateAudit,
  SENSITIVE_RESOURCES,
  validateAuditPolicy,
} from './audit/index.js';
export { BAIT_NAMESPACE_PATH, CANARY_MARKER, generateBait, validateBaitManifests } from './bait/index.js';
export {
  FALCO_RULES_PATH,
  falcoSupport,
  generateFalco,
  STOCK_FALCO_RULES,
  validateFalcoRules,
} from './falco/index.js';
export { type Instrumentation, instrumentModel, sensorSupport } from './generate.js';
export {
  generateKubescape,
  KUBESCAPE_BINDING_PATH,
  KUBESCAPE_RULES,
  kubescapeSupport,
} from './kubescape/index.js';
export { KUSTOMIZATION_PATH, kustomization } from './kustomize/index.js';
export { armedSensors, type InstrumentationFile, lintCoverage, locateProblems } from './lint.js';
export {
  catalogueHook,
  generateTracingPolicies,
  HOOK_CATALOGUE,
  type HookDefinition,
  LEAF_ANNOTATION,
  type PolicyDocument,
  policyCallName,
  policyNameForLeaf,
  type ResolvedHook,
  reportedHookNames,
  resolveHook,
  TECHNIQUES_ANNOTATION,
  TRACING_POLICY_API_VERSION,
  tetragonSupport,
  validateTracingPolicies,
  WITNESSES_ANNOTATION,
} from './tetragon/index.js';
export * from './types.js';
