/**
 * Quantification: which paths through the attack trees actors walk, how often and how far, as counts
 * and Beta-Binomial estimates with credible intervals, and the probability of reaching each goal.
 */
export { betaCdf, betaQuantile, logGamma } from './beta.js';
export {
  type BranchEstimate,
  type EdgeEstimate,
  estimateBranch,
  estimateBranches,
  type PathCount,
  reachProbability,
  type SessionEvidence,
} from './paths.js';
export { type StormAssessment, type StormInputs, type StormLevel, stormLevel } from './storm-level.js';
export {
  type EvidenceScope,
  evidenceIn,
  isWindowName,
  type ScopedSession,
  WINDOWS,
  type WindowName,
  windowScope,
} from './window.js';
