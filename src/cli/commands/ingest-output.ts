/**
 * How `kstorm ingest` prints observations: one STIX bundle per line (`jsonl`: each line stands alone and
 * `kstorm pattern match` reads it), one bundle for the whole input (`stix`: kstorm's extension
 * definitions first, every object once), or the normalised events themselves (`events`).
 */
import type { StixObservation } from '../../normalise/index.js';
import { KSTORM_EXTENSIONS, KSTORM_IDENTITY, namedIdentifier, randomIdentifier } from '../../stix/index.js';
import type { CliOutput } from '../context.js';

/** A writable the size of a pipe: output is gathered into large writes and waits when the reader is slow. */
export class BatchedWriter {
  readonly #out: CliOutput & { once?: (event: 'drain', listener: () => void) => unknown };
  #parts: string[] = [];
  #size = 0;

  constructor(out: CliOutput) {
    this.#out = out;
  }

  async line(text: string): Promise<void> {
    this.#parts.push(text, '\n');
    this.#size += text.length + 1;
    if (this.#size >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#parts.length === 0) return;
    const text = this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
    const accepted = this.#out.write(text);
    if (accepted === false && typeof this.#out.once === 'function') {
      await new Promise<void>((resolve) => this.#out.once?.('drain', resolve));
    }
  }
}

export interface ObservationWriter {
  start(): Promise<void>;
  observation(observation: StixObservation): Promise<void>;
  end(): Promise<void>;
}

export function observationWriter(
  format: 'jsonl' | 'stix' | 'events',
  out: BatchedWriter,
): ObservationWriter {
  if (format === 'events') {
    return {
      start: async () => {},
      observation: (observation) => out.line(JSON.stringify(observation.event)),
      end: async () => {},
    };
  }
  if (format === 'jsonl') {
    return {
      start: async () => {},
      observation: (observation) => {
        const observed = observation.objects[0];
        const id = namedIdentifier('bundle', observed?.id ?? '');
        return out.line(JSON.stringify({ type: 'bundle', id, objects: observation.objects }));
      },
      end: async () => {},
    };
  }
  return bundleWriter(out);
}

/** One bundle: the envelope, kstorm's identity and extension definitions, then each object once. */
function bundleWriter(out: BatchedWriter): ObservationWriter {
  const written = new Set<string>();
  let separator = '';
  const object = async (value: { id: string }) => {
    if (written.has(value.id)) return;
    written.add(value.id);
    await out.line(separator + JSON.stringify(value));
    separator = ',';
  };
  return {
    async start() {
      await out.line(`{"type":"bundle","id":${JSON.stringify(randomIdentifier('bundle'))},"objects":[`);
      await object(KSTORM_IDENTITY);
      for (const extension of KSTORM_EXTENSIONS) await object(extension.definition);
    },
    async observation(observation) {
      for (const value of observation.objects) await object(value);
    },
    async end() {
      await out.line(']}');
    },
  };
}
