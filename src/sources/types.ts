/**
 * What every sensor decoder shares: the sensor names, and the typed outcome of decoding one parsed JSON
 * record — zero or more sensor events, and a rejection for each part that could not be read.
 * Decoders are pure: they take a value `JSON.parse` produced, never bytes, sockets or paths.
 */

/** The sensors kstorm reads, by the name the CLI and the HTTP paths use. */
export type SensorName = 'tetragon' | 'k8s-audit' | 'falco' | 'kubescape';

export const SENSOR_NAMES: readonly SensorName[] = ['tetragon', 'k8s-audit', 'falco', 'kubescape'];

/**
 * Why a record (or one item of it) was not accepted. `code` is a catalogue code (src/util/errors.ts);
 * `path` is a JSON path inside the record (`$.process.pid`) when one field is to blame.
 */
export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
  readonly path?: string;
}

/** The catalogue codes a decoder may reject with. */
export type RejectionCode =
  | 'KSTORM_EVENT_SHAPE'
  | 'KSTORM_EVENT_UNKNOWN_KIND'
  | 'KSTORM_EVENT_TIME'
  | 'KSTORM_EVENT_UNKNOWN_SOURCE';

/**
 * One item of a decoded record. A record may carry several events (an audit `EventList`, a Kubescape
 * exporter batch, a JSON array); `raw` is then that item's own JSON text, so each event keeps the exact
 * record it came from. For a record holding one event, `raw` is undefined: the record's text is the raw.
 */
export type Decoded<E> =
  | { readonly ok: true; readonly event: E; readonly raw?: string }
  | { readonly ok: false; readonly rejection: Rejection; readonly raw?: string };

/** A sensor's decoder: recognises its records, and decodes one parsed JSON record. */
export interface SensorDecoder<E> {
  readonly sensor: SensorName;
  /** Cheap structural test used by source detection; true only for this sensor's shapes. */
  recognises(value: unknown): boolean;
  /** Decodes one parsed record. Never throws on hostile input: problems become rejections. */
  decode(value: unknown): readonly Decoded<E>[];
}
