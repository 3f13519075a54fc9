/**
 * The ingest pipeline for one stream of records: JSON text → sensor (given or detected) → decoded
 * events → normalised events → STIX observations, with a dead letter for every part that fails and
 * counters for both. Pure: the caller brings the text (CLI files, HTTP bodies) and takes the items.
 * Nothing here throws on input: even a bug in a decoder becomes a dead letter (KSTORM_INTERNAL) rather
 * than a lost batch.
 */
import { detectSensor, type Rejection, type SensorName } from '../sources/index.js';
import { type StixObject, Timestamp } from '../stix/index.js';
import { DEFAULT_DEAD_LETTER_RAW_BYTES, type DeadLetter, deadLetter } from './dead-letter.js';
import { type LineageOptions, LineageTracker } from './lineage.js';
import type { NormalisedEvent } from './model.js';
import { runSensor } from './sensors.js';
import { IdMemo } from './stix/ids.js';
import { toObservation } from './stix/observation.js';
import type { NormaliseContext } from './types.js';

export type SourceChoice = SensorName | 'auto';

export interface IngestOptions {
  /** The sensor records come from, or `auto` (default) to recognise each record. */
  readonly source?: SourceChoice;
  /** kstorm's name for the cluster; scopes pod, object and process ids. */
  readonly cluster?: string;
  /** Keep each record as an `artifact` in its observation (default true). */
  readonly rawArtifacts?: boolean;
  /** Raw bytes a dead letter keeps at most (default 64 KiB). */
  readonly maxDeadLetterBytes?: number;
  readonly lineage?: LineageOptions;
  /** The clock for dead-letter times (default: the system clock). */
  readonly now?: () => Timestamp;
}

/** One event as STIX: `objects[0]` is the `observed-data`, the rest its SCOs. */
export interface StixObservation {
  readonly event: NormalisedEvent;
  readonly objects: readonly StixObject[];
}

export type IngestItem =
  | { readonly ok: true; readonly observation: StixObservation }
  | { readonly ok: false; readonly deadLetter: DeadLetter };

export interface IngestStats {
  /** Records handed in (a JSON line, a document, a body), readable or not. */
  readonly records: number;
  /** Events that became observations. */
  readonly accepted: number;
  /** Dead letters written. */
  readonly rejected: number;
  readonly byReason: Readonly<Record<string, number>>;
  readonly bySource: Readonly<Record<string, { readonly accepted: number; readonly rejected: number }>>;
}

type ReaderCode = 'KSTORM_INPUT_ENCODING' | 'KSTORM_INPUT_TOO_LARGE' | 'KSTORM_INPUT_JSON';

const JSON_POSITION = /position (\d+)/;

export class Ingestor {
  readonly #source: SourceChoice;
  readonly #cluster: string | undefined;
  readonly #rawArtifacts: boolean;
  readonly #maxRaw: number;
  readonly #now: () => Timestamp;
  readonly #memo = new IdMemo();
  readonly #context: NormaliseContext;
  #records = 0;
  #accepted = 0;
  #rejected = 0;
  readonly #byReason = new Map<string, number>();
  readonly #bySource = new Map<string, { accepted: number; rejected: number }>();

  constructor(options: IngestOptions = {}) {
    this.#source = options.source ?? 'auto';
    this.#cluster = options.cluster;
    this.#rawArtifacts = options.rawArtifacts ?? true;
    this.#maxRaw = options.maxDeadLetterBytes ?? DEFAULT_DEAD_LETTER_RAW_BYTES;
    this.#now = options.now ?? (() => Timestamp.fromEpochMillis(Date.now()));
    this.#context = { lineage: new LineageTracker(options.lineage), receivedAt: this.#now };
  }

  /** One record's JSON text: an object, an array of records, or a sensor's batch (an audit EventList). */
  record(text: string, location?: string, source: SourceChoice = this.#source): IngestItem[] {
    this.#records += 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const at = error instanceof Error ? JSON_POSITION.exec(error.message)?.[1] : undefined;
      const where = at === undefined ? '' : ` (at character ${at})`;
      return [
        this.#reject(
          { code: 'KSTORM_INPUT_JSON', message: `The record is not valid JSON${where}.` },
          text,
          source,
          location,
        ),
      ];
    }
    if (Array.isArray(value)) {
      return value.flatMap((item, index) =>
        this.#value(item, safeStringify(item), itemLocation(location, index), source),
      );
    }
    return this.#value(value, text, location, source);
  }

  /** A dead letter for bytes that never became a record (not UTF-8, too large, or cut off). */
  unreadable(
    code: ReaderCode,
    message: string,
    raw: Uint8Array | string,
    location?: string,
    source: SourceChoice = this.#source,
  ): IngestItem {
    this.#records += 1;
    return this.#reject({ code, message }, raw, source, location);
  }

  stats(): IngestStats {
    return {
      records: this.#records,
      accepted: this.#accepted,
      rejected: this.#rejected,
      byReason: Object.fromEntries(this.#byReason),
      bySource: Object.fromEntries([...this.#bySource].map(([name, counts]) => [name, { ...counts }])),
    };
  }

  #value(value: unknown, text: string, location: string | undefined, choice: SourceChoice): IngestItem[] {
    const sensor = choice === 'auto' ? detectSensor(value) : choice;
    if (sensor === undefined) {
      const rejection: Rejection = {
        code: 'KSTORM_EVENT_UNKNOWN_SOURCE',
        message: 'No sensor format (Tetragon, Kubernetes audit, Falco, Kubescape) recognises this record.',
      };
      return [this.#reject(rejection, text, 'auto', location)];
    }
    let outcomes: ReturnType<typeof runSensor>;
    try {
      outcomes = runSensor(sensor, value, text, this.#context);
    } catch (error) {
      return [this.#reject(internal(error), text, sensor, location)];
    }
    return outcomes.map((outcome, index) => {
      const itemAt = outcomes.length > 1 ? itemLocation(location, index) : location;
      if (!outcome.ok) return this.#reject(outcome.rejection, outcome.raw, sensor, itemAt);
      try {
        const objects = toObservation(outcome.event, this.#memo, {
          ...(this.#cluster === undefined ? {} : { cluster: this.#cluster }),
          rawArtifacts: this.#rawArtifacts,
        });
        this.#count(sensor, 'accepted');
        return { ok: true as const, observation: { event: outcome.event, objects } };
      } catch (error) {
        return this.#reject(internal(error), outcome.event.raw, sensor, itemAt);
      }
    });
  }

  #reject(
    rejection: Rejection | { code: string; message: string; path?: string },
    raw: string | Uint8Array,
    source: SourceChoice,
    location: string | undefined,
  ): IngestItem {
    this.#byReason.set(rejection.code, (this.#byReason.get(rejection.code) ?? 0) + 1);
    this.#count(source, 'rejected');
    const time = this.#now().toString();
    return {
      ok: false,
      deadLetter: deadLetter(rejection, raw, {
        time,
        source,
        maxRawBytes: this.#maxRaw,
        ...(location === undefined ? {} : { location }),
      }),
    };
  }

  #count(source: string, outcome: 'accepted' | 'rejected'): void {
    let counts = this.#bySource.get(source);
    if (counts === undefined) {
      counts = { accepted: 0, rejected: 0 };
      this.#bySource.set(source, counts);
    }
    counts[outcome] += 1;
    if (outcome === 'accepted') this.#accepted += 1;
    else this.#rejected += 1;
  }
}

function itemLocation(location: string | undefined, index: number): string {
  return `${location ?? ''}[${index}]`;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
}

function internal(error: unknown): { code: string; message: string } {
  const detail = error instanceof Error ? `${error.name}` : typeof error;
  return {
    code: 'KSTORM_INTERNAL',
    message: `kstorm failed on this record (${detail}); it is kept here. Please report it with the record.`,
  };
}
