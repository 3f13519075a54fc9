/**
 * Reads one model parameter for generated configuration: the value given with `--set`, else the model's
 * default, else nothing (the caller writes a placeholder and reports it).
 */
import type { ThreatModel } from '../../threatmodel/index.js';
import type { ParameterValues } from '../types.js';

export type ParameterLookup =
  | { readonly found: true; readonly value: string }
  | { readonly found: false; readonly reason: 'missing' | 'list' };

/** The single text value of parameter `name`; a list of more than one value is not a text value. */
export function textParameter(model: ThreatModel, values: ParameterValues, name: string): ParameterLookup {
  const given = Object.hasOwn(values, name) ? values[name] : undefined;
  const value = given ?? model.parameters.find((p) => p.name === name)?.default;
  if (value === undefined) return { found: false, reason: 'missing' };
  if (typeof value === 'string') return { found: true, value };
  if (value.length === 1 && value[0] !== undefined) return { found: true, value: value[0] };
  return { found: false, reason: value.length === 0 ? 'missing' : 'list' };
}
