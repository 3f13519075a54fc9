/** Reads the kubescape fixtures (test/fixtures/sensors/kubescape) for this sensor's tests. */
import { sensorFixtures } from '../fixtures.test-support.js';

export type { FixtureRecord } from '../fixtures.test-support.js';
export const { fixtureNames, fixtureRecords, fixtureRecord, fixtureObject } = sensorFixtures('kubescape');
