/**
 * The streaming indicator engine: compile thousands of STIX indicators once, then feed observations in
 * time order and receive each match as soon as its pattern is satisfied, with bounded state.
 */
export { type CompiledIndicator, compileIndicators, MatchEngine } from './engine.js';
export type { IndicatorInput, RejectedIndicator } from './indicators.js';
export { MatchSession, type MatchStats, type SessionOptions, type StreamMatch } from './session.js';
