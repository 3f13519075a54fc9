/** Reads the k8s-audit fixtures (test/fixtures/sensors/k8s-audit) for this sensor's tests. */
import { sensorFixtures } from '../fixtures.test-support.js';

export type { FixtureRecord } from '../fixtures.test-support.js';
export const { fixtureNames, fixtureRecords, fixtureRecord, fixtureObject } = sensorFixtures('k8s-audit');
