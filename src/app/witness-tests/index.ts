/** Witness tests: prove each witness matches real sensor records and not their near-misses. */
export {
  deepMerge,
  parseWitnessTests,
  WITNESS_TEST_SOURCES,
  type WitnessCase,
  type WitnessTestSource,
  type WitnessTests,
} from './parse.js';
export {
  type CaseResult,
  runWitnessTests,
  type WitnessTestReport,
  type WitnessUnderTest,
  witnessesUnderTest,
} from './run.js';
