// TLP 2.0 markings: the OASIS ids, valid STIX in strict mode, and usable in object_marking_refs.
import { describe, expect, it } from 'vitest';
import { TLP2_EXTENSION_ID, tlpMarking, tlpMarkingId } from './tlp.js';
import { createValidator } from './validate/index.js';

describe('TLP 2.0 markings', () => {
  const validator = createValidator({ strict: true });

  it.each(['clear', 'green', 'amber', 'amber+strict', 'red'] as const)(
    'TLP:%s is valid STIX 2.1',
    (level) => {
      const marking = tlpMarking(level);
      expect(marking.id).toBe(tlpMarkingId(level));
      expect(marking.extensions?.[TLP2_EXTENSION_ID]?.['tlp_2_0']).toBe(level);
      expect(validator.validateObject(marking)).toEqual([]);
    },
  );

  it('keeps the ids OASIS published', () => {
    expect(tlpMarkingId('clear')).toBe('marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487');
    expect(tlpMarkingId('red')).toBe('marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1');
  });

  it('an object marked TLP:GREEN references the marking-definition', () => {
    const identity = {
      type: 'identity',
      spec_version: '2.1',
      id: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      name: 'honeycluster operator',
      object_marking_refs: [tlpMarkingId('green')],
    };
    expect(validator.validateAll([tlpMarking('green'), identity])).toEqual([]);
  });
});
