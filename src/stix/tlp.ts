/**
 * TLP 2.0 markings (FIRST's Traffic Light Protocol 2.0 as published for STIX 2.1 by OASIS in
 * cti-stix-common-objects): the five marking-definitions with their fixed ids, and the extension they
 * use, which the validator knows as a built-in (kstorm runs offline, so it cannot fetch the definition).
 */
import type { Identifier, MarkingDefinition } from './types.js';

/** The OASIS extension-definition that TLP 2.0 marking-definitions use. */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** TLP 2.0 levels. */
export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

const IDS: Readonly<Record<TlpLevel, Identifier<'marking-definition'>>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** The TLP 2.0 marking-definition of a level, as OASIS publishes it (same id, name and extension). */
export function tlpMarking(level: TlpLevel): MarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

/** The marking-definition id of a TLP 2.0 level, for `object_marking_refs`. */
export function tlpMarkingId(level: TlpLevel): Identifier<'marking-definition'> {
  return IDS[level];
}
