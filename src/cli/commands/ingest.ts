/**
 * `kstorm ingest [--source …] [--output jsonl|stix|events] [--follow] <file|->`: reads sensor output
 * (JSON lines or one JSON document), prints observations, and dead-letters what it cannot read.
 * Exit 0 when every record was accepted, 1 when some were dead-lettered.
 */
import { createWriteStream } from 'node:fs';
import { type DeadLetter, type IngestItem, Ingestor, type SourceChoice } from '../../normalise/index.js';
import { readRecords } from '../../sources/index.js';
import type { CommandContext } from '../context.js';
import { followFile } from '../follow.js';
import { maybeGunzip } from '../gunzip.js';
import { openInput } from '../input.js';
import { createProgress } from '../progress.js';
import { escapeControls } from '../sanitize.js';
import { BatchedWriter, type ObservationWriter, observationWriter } from './ingest-output.js';

export const INGEST_OUTPUTS = ['jsonl', 'stix', 'events'] as const;
export type IngestOutput = (typeof INGEST_OUTPUTS)[number];

export interface IngestCommandOptions {
  readonly source: SourceChoice;
  readonly output: IngestOutput;
  readonly follow: boolean;
  readonly deadLetter?: string;
  readonly cluster?: string;
  readonly raw: boolean;
  readonly maxRecordBytes: number;
}

/** Dead letters listed on stderr at most when no --dead-letter file is given. */
const SHOWN_DEAD_LETTERS = 10;

export async function runIngest(
  ctx: CommandContext,
  file: string,
  opts: IngestCommandOptions,
  signal: AbortSignal = new AbortController().signal,
): Promise<number> {
  const ingestor = new Ingestor({
    source: opts.source,
    rawArtifacts: opts.raw,
    ...(opts.cluster === undefined ? {} : { cluster: opts.cluster }),
  });
  const stdout = new BatchedWriter(ctx.io.stdout);
  const writer: ObservationWriter = observationWriter(opts.output, stdout);
  const deadLetters = await openDeadLetters(ctx, opts.deadLetter);
  const progress = createProgress(ctx.io.stderr);
  const name = file === '-' ? '<stdin>' : file;
  const chunks =
    opts.follow && file !== '-'
      ? followFile(file, signal)
      : maybeGunzip((await openInput(file, ctx.io.stdin)).chunks);

  const handle = async (items: readonly IngestItem[]): Promise<void> => {
    for (const item of items) {
      if (item.ok) await writer.observation(item.observation);
      else await deadLetters.write(item.deadLetter);
    }
  };
  try {
    await writer.start();
    for await (const record of readRecords(chunks, { maxRecordBytes: opts.maxRecordBytes })) {
      const location = `${name}:${record.line}`;
      if (record.kind === 'record') await handle(ingestor.record(record.text, location));
      else await handle([ingestor.unreadable(record.code, record.message, record.raw, location)]);
      if (record.line % 1024 === 0) {
        const stats = ingestor.stats();
        progress.update(`ingesting ${name}: ${stats.accepted} observations, ${stats.rejected} dead letters`);
      }
      // Following a live sensor, each observation goes out as it comes.
      if (opts.follow) await stdout.flush();
      if (signal.aborted) break;
    }
    await writer.end();
    await stdout.flush();
  } finally {
    progress.done();
    await deadLetters.close();
  }
  const stats = ingestor.stats();
  ctx.io.stderr.write(summary(stats.records, stats.accepted, stats.rejected, stats.byReason));
  return stats.rejected > 0 ? 1 : 0;
}

interface DeadLetterSink {
  write(letter: DeadLetter): Promise<void>;
  close(): Promise<void>;
}

async function openDeadLetters(ctx: CommandContext, path: string | undefined): Promise<DeadLetterSink> {
  if (path === undefined) {
    let shown = 0;
    return {
      async write(letter) {
        shown += 1;
        if (shown > SHOWN_DEAD_LETTERS) return;
        const where = letter.location === undefined ? '' : `${letter.location}: `;
        ctx.io.stderr.write(`dead letter: ${escapeControls(where + letter.message)} (${letter.code})\n`);
        if (shown === SHOWN_DEAD_LETTERS) {
          ctx.io.stderr.write(
            'dead letter: further ones are only counted; keep them all with --dead-letter <file>\n',
          );
        }
      },
      async close() {},
    };
  }
  const stream = createWriteStream(path, { flags: 'a' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  const writer = new BatchedWriter(stream);
  return {
    write: (letter) => writer.line(JSON.stringify(letter)),
    async close() {
      await writer.flush();
      await new Promise<void>((resolve) => stream.end(resolve));
    },
  };
}

function summary(
  records: number,
  accepted: number,
  rejected: number,
  byReason: Readonly<Record<string, number>>,
) {
  const reasons = Object.entries(byReason)
    .sort(([, a], [, b]) => b - a)
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  const why = rejected > 0 ? ` (${reasons})` : '';
  return `ingest: ${records} records, ${accepted} observations, ${rejected} dead letters${why}\n`;
}
