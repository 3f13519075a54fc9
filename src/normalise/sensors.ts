/**
 * Each sensor's decoder paired with its normaliser: decode one record, normalise every event in it.
 * The pairing keeps each sensor's event type private to the pair, so the pipeline sees only normalised
 * events and rejections.
 */
import {
  auditDecoder,
  falcoDecoder,
  kubescapeDecoder,
  type Rejection,
  type SensorDecoder,
  type SensorName,
  tetragonDecoder,
} from '../sources/index.js';
import { normaliseFalco } from './falco/index.js';
import { normaliseAudit } from './k8s-audit/index.js';
import { normaliseKubescape } from './kubescape/index.js';
import type { NormalisedEvent } from './model.js';
import { normaliseTetragon } from './tetragon/index.js';
import type { NormaliseContext, Normaliser } from './types.js';

export type SensorOutcome =
  | { readonly ok: true; readonly event: NormalisedEvent }
  | { readonly ok: false; readonly rejection: Rejection; readonly raw: string };

type Runner = (value: unknown, text: string, context: NormaliseContext) => SensorOutcome[];

function pair<E>(decoder: SensorDecoder<E>, normalise: Normaliser<E>): Runner {
  return (value, text, context) =>
    decoder.decode(value).map((decoded): SensorOutcome => {
      const raw = decoded.raw ?? text;
      if (!decoded.ok) return { ok: false, rejection: decoded.rejection, raw };
      const normalised = normalise(decoded.event, raw, context);
      return normalised.ok ? normalised : { ok: false, rejection: normalised.rejection, raw };
    });
}

const RUNNERS: Readonly<Record<SensorName, Runner>> = {
  tetragon: pair(tetragonDecoder, normaliseTetragon),
  'k8s-audit': pair(auditDecoder, normaliseAudit),
  falco: pair(falcoDecoder, normaliseFalco),
  kubescape: pair(kubescapeDecoder, normaliseKubescape),
};

/** Decodes and normalises one parsed record as `sensor`'s output. */
export function runSensor(sensor: SensorName, value: unknown, text: string, context: NormaliseContext) {
  return RUNNERS[sensor](value, text, context);
}
