/**
 * Threat models as code: attack trees (branches of or / and / sand gates down to leaves), loaded from
 * YAML with every problem located, checked against the sensors that witness them, compiled to STIX 2.1,
 * and rendered.
 */
export { checkAttackModel } from './attack-model.js';
export { type Catalogue, DEFAULT_BAIT_NAMESPACE } from './build-model.js';
export { READY_LEAVES, readyLeaf, TECHNIQUES, techniqueInfo } from './catalog/index.js';
export type { ReadyLeaf, ReadyWitness, TechniqueInfo } from './catalog/types.js';
export { defaultCatalogue } from './catalogue.js';
export { CHILD_OF, type CompileStixOptions, compileToStix, sensorDetail } from './compile-stix.js';
export { type LoadOptions, type LoadResult, loadModels, loadModelText, type ModelSource } from './load.js';
export {
  factPath,
  type ObservationFacts,
  type PathConstraint,
  patternAstFacts,
  patternFacts,
} from './pattern-facts.js';
export { formatProblem, type ModelProblem, ProblemList } from './problems.js';
export * from './render/index.js';
export { SENSOR_SOURCE, syscallBase } from './resolve-sensor.js';
export { THREAT_MODEL_SCHEMA } from './schema-check.js';
export { findNode, isWitnessable, leavesOf, nodesOf, unreachableGates, witnessesOf } from './tree.js';
export type * from './types.js';
export {
  AUDIT_LEVELS,
  BAIT_KINDS,
  GATES,
  SENSOR_KINDS,
  THREAT_MODEL_API_VERSION,
} from './types.js';
