/**
 * The server's own counters. Unlike the Ingestor's (which count every record it processed), these
 * count items only once the sink has taken them, so a batch the sink refused (and the sender will
 * retry) is never counted twice; refused requests are counted by reason.
 */
import type { IngestItem, IngestStats } from '../../normalise/index.js';

/** Why a request was answered without storing anything. */
export type RefusalReason = 'auth' | 'tooLarge' | 'badBody' | 'unsupported' | 'overloaded' | 'sinkFailed';

/** What `GET /ingest/stats` reports. */
export interface IngestServerStats {
  /** Counted after the sink took them: what a sender was told is safe. */
  readonly stored: {
    readonly requests: number;
    readonly accepted: number;
    readonly rejected: number;
    readonly byReason: Readonly<Record<string, number>>;
    readonly bySource: Readonly<Record<string, { readonly accepted: number; readonly rejected: number }>>;
  };
  /** Requests answered with an error, by reason. */
  readonly refused: Readonly<Record<RefusalReason, number>>;
  /** The Ingestor's counters: every record processed, including batches the sink then refused. */
  readonly processed: IngestStats;
}

export class IngestCounters {
  #requests = 0;
  #accepted = 0;
  #rejected = 0;
  readonly #byReason = new Map<string, number>();
  readonly #bySource = new Map<string, { accepted: number; rejected: number }>();
  readonly #refused: Record<RefusalReason, number> = {
    auth: 0,
    tooLarge: 0,
    badBody: 0,
    unsupported: 0,
    overloaded: 0,
    sinkFailed: 0,
  };

  /** Counts a batch the sink has taken. */
  stored(items: readonly IngestItem[]): void {
    this.#requests += 1;
    for (const item of items) {
      const source = item.ok ? item.observation.event.source : item.deadLetter.source;
      let counts = this.#bySource.get(source);
      if (counts === undefined) {
        counts = { accepted: 0, rejected: 0 };
        this.#bySource.set(source, counts);
      }
      if (item.ok) {
        this.#accepted += 1;
        counts.accepted += 1;
      } else {
        this.#rejected += 1;
        counts.rejected += 1;
        const code = item.deadLetter.code;
        this.#byReason.set(code, (this.#byReason.get(code) ?? 0) + 1);
      }
    }
  }

  refused(reason: RefusalReason): void {
    this.#refused[reason] += 1;
  }

  snapshot(processed: IngestStats): IngestServerStats {
    return {
      stored: {
        requests: this.#requests,
        accepted: this.#accepted,
        rejected: this.#rejected,
        byReason: Object.fromEntries(this.#byReason),
        bySource: Object.fromEntries([...this.#bySource].map(([name, counts]) => [name, { ...counts }])),
      },
      refused: { ...this.#refused },
      processed,
    };
  }
}
