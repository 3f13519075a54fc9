/**
 * Which sensor a record came from, when the caller does not say: each decoder's structural test, in an
 * order where no earlier test can claim another sensor's records.
 */

import { falcoDecoder } from './falco/index.js';
import { auditDecoder } from './k8s-audit/index.js';
import { kubescapeDecoder } from './kubescape/index.js';
import { tetragonDecoder } from './tetragon/index.js';
import type { SensorName } from './types.js';

const ORDER = [tetragonDecoder, auditDecoder, falcoDecoder, kubescapeDecoder] as const;

/** The sensor whose format `value` has, or undefined when none recognises it. */
export function detectSensor(value: unknown): SensorName | undefined {
  for (const decoder of ORDER) if (decoder.recognises(value)) return decoder.sensor;
  return undefined;
}
