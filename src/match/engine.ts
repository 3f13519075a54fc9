/**
 * The compiled side of the streaming engine: many indicators checked, planned and indexed once, into an
 * immutable engine that any number of sessions (each with its own temporal state) can run against.
 */
import { Timestamp } from '../stix/index.js';
import { type ConditionIndex, ConditionIndexBuilder } from './candidates.js';
import { type AcceptedIndicator, admitIndicator, type RejectedIndicator, versionOf } from './indicators.js';
import { buildPlan, type LeafNode, type Plan } from './plan.js';
import { MatchSession, type SessionOptions } from './session.js';

/** One compiled indicator. */
export interface CompiledIndicator {
  readonly id: string;
  readonly plan: Plan;
  readonly validFrom: bigint | undefined;
  readonly validUntil: bigint | undefined;
}

/** A leaf of some indicator that uses a condition. */
export interface LeafRef {
  readonly indicator: number;
  readonly leaf: LeafNode;
  readonly node: number;
}

/** A set of indicators compiled for streaming. Immutable: a change of indicators builds a new engine. */
export class MatchEngine {
  /** For each condition, the leaves that use it. */
  readonly leavesOf: readonly (readonly LeafRef[])[];
  /** The tightest WITHIN of any indicator, in nanoseconds: sessions sweep expired state on its scale. */
  readonly shortestWithin: bigint | undefined;

  constructor(
    readonly indicators: readonly CompiledIndicator[],
    readonly index: ConditionIndex,
    /** Indicators left out, with the reason; the engine runs with the rest. */
    readonly rejected: readonly RejectedIndicator[],
    /** Checker warnings of accepted indicators, by indicator id. */
    readonly warnings: ReadonlyMap<string, AcceptedIndicator['warnings']>,
  ) {
    const leaves: LeafRef[][] = index.conditions.map(() => []);
    let shortest: bigint | undefined;
    for (const indicator of indicators) {
      for (const node of indicator.plan.nodes) {
        if (node.within !== undefined && (shortest === undefined || node.within < shortest))
          shortest = node.within;
      }
    }
    this.shortestWithin = shortest;
    indicators.forEach((indicator, i) => {
      for (const node of indicator.plan.leaves) {
        const leaf = indicator.plan.nodes[node];
        if (leaf?.kind === 'leaf') leaves[leaf.condition]?.push({ indicator: i, leaf, node });
      }
    });
    this.leavesOf = leaves;
  }

  /** Distinct comparison tests across all indicators (identical `[ … ]`s are compiled once). */
  get conditionCount(): number {
    return this.index.conditions.length;
  }

  /** A new session with empty temporal state. */
  session(options: SessionOptions = {}): MatchSession {
    return new MatchSession(this, options);
  }
}

function nanos(text: string): bigint | undefined {
  return Timestamp.tryParse(text)?.epochNanos;
}

/**
 * Which input is the current version of each indicator id: STIX versions an object by `modified`, so of
 * several inputs with one id the latest wins (the first of equals) — before any is checked, so that a
 * latest version that is revoked or broken is not silently replaced by an older one.
 */
function latestVersions(inputs: readonly unknown[]): Map<string, number> {
  const chosen = new Map<string, number>();
  const latest = new Map<string, bigint>();
  inputs.forEach((input, position) => {
    const version = versionOf(input);
    if (!version) return;
    const seen = latest.get(version.id);
    if (seen === undefined || version.modified > seen) {
      chosen.set(version.id, position);
      latest.set(version.id, version.modified);
    }
  });
  return chosen;
}

/**
 * Compiles indicators for streaming. `indicators` are STIX 2.1 `indicator` objects or `{id, pattern}`
 * records, untrusted: each one that is malformed, uses another pattern language, is revoked, is an older
 * version of another input, or whose pattern has an error is listed in `rejected`, and the engine runs
 * with the others.
 */
export function compileIndicators(indicators: readonly unknown[]): MatchEngine {
  const builder = new ConditionIndexBuilder();
  const compiled: CompiledIndicator[] = [];
  const rejected: RejectedIndicator[] = [];
  const warnings = new Map<string, AcceptedIndicator['warnings']>();
  const chosen = latestVersions(indicators);
  indicators.forEach((input, position) => {
    const id = versionOf(input)?.id;
    const used = id === undefined ? position : (chosen.get(id) ?? position);
    if (used !== position) {
      rejected.push({
        indicator: id ?? `#${position}`,
        code: 'KSTORM_INDICATOR_DUPLICATE',
        message: `indicator #${position} shares its id with indicator #${used}, the latest version, which is used`,
        diagnostics: [],
      });
      return;
    }
    const entry = admitIndicator(input, position);
    if (!('ast' in entry)) {
      rejected.push(entry);
      return;
    }
    if (entry.warnings.length > 0) warnings.set(entry.id, entry.warnings);
    const plan = buildPlan(entry.ast, (comparison) => builder.add(comparison), nanos);
    compiled.push({ id: entry.id, plan, validFrom: entry.validFrom, validUntil: entry.validUntil });
  });
  return new MatchEngine(compiled, builder.build(), rejected, warnings);
}
