/**
 * `kstorm replay <capture…> [--model file] [--speed N|max] [--output table|json]`: feeds recorded sensor
 * output through the storm center's pipeline in memory (ingest → indicators → actor sessions → tree
 * progress → incidents) and prints what it found.
 */
import { createPacer, findBundled, type PipelineSummary, StormPipeline } from '../../app/index.js';
import { readRecords } from '../../sources/index.js';
import { KstormError } from '../../util/index.js';
import type { CommandContext } from '../context.js';
import { maybeGunzip } from '../gunzip.js';
import { openInput } from '../input.js';
import { createProgress } from '../progress.js';
import { escapeControls } from '../sanitize.js';
import { loadThreatModel } from './model-report.js';

export interface ReplayOptions {
  readonly model?: string;
  readonly speed: string;
  readonly output: 'table' | 'json';
  readonly cluster?: string;
}

/** A file shipped with kstorm, or a usage error saying it is missing. */
export function bundledFile(relative: string): string {
  const found = findBundled(relative);
  if (found !== undefined) return found;
  throw new KstormError(
    'KSTORM_INPUT_UNREADABLE',
    `kstorm's bundled ${relative} is missing: pass the file explicitly.`,
  );
}

/** The bundled threat library. */
export function bundledModel(): string {
  return bundledFile('threatmodels/honeycluster.yaml');
}

/** Real-time pacing never sleeps longer than this between two records, so a quiet night does not stall a replay. */
const MAX_PAUSE_MS = 5000;

export async function runReplay(
  ctx: CommandContext,
  captures: readonly string[],
  opts: ReplayOptions,
): Promise<number> {
  const speed = opts.speed === 'max' ? Number.POSITIVE_INFINITY : Number(opts.speed);
  if (!(speed > 0))
    throw new KstormError('KSTORM_CLI_USAGE', `--speed ${opts.speed}: give a positive number or max.`);
  const model = await loadThreatModel(ctx, [opts.model ?? bundledModel()], 'replayed');
  if (!model) return 1;
  const pipeline = new StormPipeline(model, opts.cluster === undefined ? {} : { cluster: opts.cluster });
  const progress = createProgress(ctx.io.stderr);
  const pace = createPacer(speed, MAX_PAUSE_MS);
  let records = 0;
  for (const capture of captures) {
    const name = capture === '-' ? '<stdin>' : capture;
    const chunks = maybeGunzip((await openInput(capture, ctx.io.stdin)).chunks);
    for await (const record of readRecords(chunks)) {
      const location = `${name}:${record.line}`;
      const items =
        record.kind === 'record'
          ? pipeline.record(record.text, location)
          : [pipeline.unreadable(record.code, record.message, record.raw, location)];
      records += 1;
      await pace(items.find((i) => i.ok)?.observation.event.time.epochNanos);
      if (records % 512 === 0) progress.update(`replaying ${name}: ${records} records`);
    }
  }
  progress.done();
  const summary = pipeline.summary();
  if (opts.output === 'json') ctx.io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else printSummary(ctx, summary);
  return 0;
}

function printSummary(ctx: CommandContext, s: PipelineSummary): void {
  const out = (line: string) => ctx.io.stdout.write(`${escapeControls(line)}\n`);
  out(
    `${s.observations} observations, ${s.rejected} rejected, ${s.sessions} actor sessions, ${s.incidents.length} incidents`,
  );
  out(`storm level: ${s.storm.level} (${s.storm.reason})`);
  if (s.incidents.length > 0) {
    out('');
    out('incidents:');
  }
  for (const i of s.incidents) {
    out(
      `  ${i.severity.padEnd(8)} ${i.branch}${i.goalReached ? ' (goal reached)' : ''}: ${i.leaves.join(' → ')}`,
    );
  }
  if (s.paths.length > 0) {
    out('');
    out('paths (sessions entering each branch, reaching its goal):');
  }
  for (const p of s.paths) out(`  ${p.branch}: ${p.entered} entered, ${p.goal} reached the goal`);
  if (s.sightings.length > 0) {
    out('');
    out('sightings:');
  }
  for (const x of s.sightings) out(`  ${String(x.count).padStart(6)}  ${x.witness}`);
}
