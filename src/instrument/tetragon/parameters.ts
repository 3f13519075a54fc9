/**
 * Address parameters: the CIDRs a sensor filters on come from the model's `spec.parameters`, set at
 * generation time (`--set name=value`) or by a default, never from a literal in the model.
 */
import type { ThreatModel } from '../../threatmodel/index.js';
import type { ParameterValues } from '../types.js';
import { isAddressOrCidr, quote } from './values.js';

export interface ResolvedAddresses {
  readonly cidrs: readonly string[];
  /** One message per parameter that has no value, or a value that is not an address or CIDR. */
  readonly problems: readonly string[];
}

function values(value: string | readonly string[]): readonly string[] {
  // A single `--set` value may list several CIDRs separated by commas.
  return (typeof value === 'string' ? value.split(',') : value).map((v) => v.trim()).filter((v) => v !== '');
}

/** The CIDRs the named parameters hold, from `parameters` first and the model's defaults second. */
export function resolveAddressParameters(
  names: readonly string[],
  model: ThreatModel,
  parameters: ParameterValues,
): ResolvedAddresses {
  const cidrs: string[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const given = Object.hasOwn(parameters, name) ? parameters[name] : undefined;
    const value = given ?? model.parameters.find((parameter) => parameter.name === name)?.default;
    const list = value === undefined ? [] : values(value);
    if (list.length === 0) {
      problems.push(
        `needs the parameter ${quote(name)} (a CIDR such as the pod network): pass --set ${name}=<value>`,
      );
      continue;
    }
    const bad = list.find((cidr) => !isAddressOrCidr(cidr));
    if (bad !== undefined) {
      problems.push(`parameter ${quote(name)} holds ${quote(bad)}, which is not an IP address or CIDR`);
      continue;
    }
    cidrs.push(...list);
  }
  return { cidrs, problems };
}
