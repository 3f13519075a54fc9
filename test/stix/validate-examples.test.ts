/**
 * The official OASIS STIX 2.1 examples validate without errors. Fixtures: test/fixtures/oasis-examples, copied
 * unmodified from oasis-open/cti-stix2-json-schemas (examples/, BSD-3-Clause; see NOTICE.md there). Most are
 * bundles; interop-objectmarking-test.json is a single object. The only warnings expected are non-deterministic
 * SCO ids (KSTORM_STIX_ID_NOT_DETERMINISTIC): the examples' SCOs carry random UUIDv4 ids.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createValidator,
  STIX_SCO_NAMESPACE,
  type StixValidator,
  scoIdentifier,
} from '../../src/stix/index.js';
import { errors, fixtureFiles, type Json, readFixture } from './builders.js';

let validator: StixValidator;

beforeAll(() => {
  validator = createValidator();
});

const FILES = fixtureFiles('oasis-examples');

describe('OASIS STIX 2.1 examples', () => {
  it('finds the example files (the test cannot pass vacuously)', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(8);
    expect(FILES).toContain('interop-objectmarking-test.json');
    expect(FILES).toContain('threat-reports/apt1.json');
  });

  it.each(FILES)('%s validates with no errors', (file) => {
    const content = readFixture(`oasis-examples/${file}`);
    const session = validator.session();
    const issues = [...session.addObject(content), ...session.finish()];
    expect(errors(issues)).toEqual([]);
    // Warnings are allowed, but only this one: the examples' SCOs carry random ids.
    expect(issues.filter((i) => i.code !== 'KSTORM_STIX_ID_NOT_DETERMINISTIC')).toEqual([]);
    expect(session.counts.objects).toBeGreaterThan(0);
    expect(session.counts.invalidObjects).toBe(0);
  });

  it('reports exactly the non-deterministic SCO ids of infrastructure.json, naming the expected id', () => {
    const bundle = readFixture('oasis-examples/infrastructure.json') as { objects: Json[] };
    const issues = validator.validateAll([bundle]);
    expect(issues.map((i) => [i.code, i.severity, i.objectType, i.path])).toEqual([
      ['KSTORM_STIX_ID_NOT_DETERMINISTIC', 'warning', 'ipv4-addr', '$.id'],
      ['KSTORM_STIX_ID_NOT_DETERMINISTIC', 'warning', 'domain-name', '$.id'],
    ]);
    for (const issue of issues) {
      const object = bundle.objects.find((o) => o['id'] === issue.objectId) as Json & { type: string };
      expect(issue.message).toBe(
        `id should be ${scoIdentifier(object)}, the UUIDv5 of its ID-contributing properties (value) ` +
          `in namespace ${STIX_SCO_NAMESPACE}`,
      );
    }
  });

  it('counts every object of a bundle, and the single-object file as one', () => {
    const apt1 = readFixture('oasis-examples/threat-reports/apt1.json') as { objects: unknown[] };
    const session = validator.session();
    session.addObject(apt1);
    session.finish();
    expect(session.counts.objects).toBe(apt1.objects.length);
    const single = validator.session();
    single.addObject(readFixture('oasis-examples/interop-objectmarking-test.json'));
    expect(single.counts).toEqual({ objects: 1, invalidObjects: 0, errors: 0, warnings: 0 });
  });
});
