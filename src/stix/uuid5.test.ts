import fc from 'fast-check';
import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { uuid5 } from './uuid5.js';

describe('uuid5', () => {
  it('equals the uuid package for any name and namespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.uuid(), (name, namespace) => {
        expect(uuid5(name, namespace)).toBe(v5(name, namespace));
      }),
      { numRuns: 500 },
    );
  });

  it('matches the STIX specification example', () => {
    // STIX 2.1 §2.9: ipv4-addr 198.51.100.3 in the STIX SCO namespace.
    expect(uuid5('{"value":"198.51.100.3"}', '00abedb4-aa42-466c-9c01-fed23315a9b7')).toBe(
      '28bb3599-77cd-5a82-a950-b5bc3caf07c4',
    );
  });
});
