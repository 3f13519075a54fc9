/**
 * `kstorm pattern match '<pattern>' <file|->…`: runs one pattern through the streaming engine over the
 * observed-data of STIX files, in first_observed order, and lists every match as it completes.
 */
import { compileIndicators, type StreamMatch } from '../../match/index.js';
import { collectObservations, validatePattern } from '../../pattern/index.js';
import { readStixObjects, type StixInputFormat } from '../../stix/index.js';
import { KstormError } from '../../util/index.js';
import type { CommandContext } from '../context.js';
import { openInput } from '../input.js';
import { type OutputFormat, renderData } from '../output.js';
import { createProgress } from '../progress.js';
import { escapeControls } from '../sanitize.js';

/** The options of `pattern match`, as parsed by the command line. */
export interface PatternMatchOptions {
  readonly output: OutputFormat;
  readonly stixVersion: '2.0' | '2.1';
  readonly format: StixInputFormat;
  /** Matches listed at most; beyond that they are only counted. */
  readonly maxMatches: number;
}

/** A file's spread of first_observed times is its whole story: keep partial matches for a century. */
const FILE_WINDOW_SECONDS = 100 * 365 * 86_400;

interface Listed {
  readonly first: string;
  readonly last: string;
  readonly observations: readonly string[];
}

/** Reads every object of every input; unreadable records are counted and their first reasons kept. */
async function readAll(ctx: CommandContext, files: readonly string[], format: StixInputFormat) {
  const objects: unknown[] = [];
  const problems: string[] = [];
  let unreadable = 0;
  const progress = createProgress(ctx.io.stderr);
  try {
    for (const file of files) {
      const input = await openInput(file, ctx.io.stdin);
      for await (const item of readStixObjects(input.chunks, { format })) {
        if (item.kind === 'object') objects.push(item.object);
        else if (item.kind === 'error') {
          unreadable += 1;
          if (problems.length < 5) problems.push(`${input.name}: ${item.error.message}`);
        }
        progress.update(`reading ${input.name}: ${objects.length} objects`);
      }
    }
  } finally {
    progress.done();
  }
  return { objects, unreadable, problems };
}

/** Exit 0 when the pattern matched, 1 when it did not (as grep does); an invalid pattern throws (exit 2). */
export async function runPatternMatch(
  ctx: CommandContext,
  pattern: string,
  files: readonly string[],
  opts: PatternMatchOptions,
): Promise<number> {
  const checked = validatePattern(pattern, { stixVersion: opts.stixVersion });
  const error = checked.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new KstormError(error.code, `the pattern is invalid: ${error.message}`);
  const { objects, unreadable, problems } = await readAll(ctx, files, opts.format);
  const observations = collectObservations(objects, opts.stixVersion);
  const observedData = objects.filter((o) => (o as { type?: unknown }).type === 'observed-data').length;
  // A stable sort keeps file order among observations that start at the same instant.
  observations.sort((a, b) => a.first.compare(b.first));
  const engine = compileIndicators([{ id: 'indicator--cli', pattern, pattern_version: opts.stixVersion }]);
  const session = engine.session({ unboundedWindowSeconds: FILE_WINDOW_SECONDS });
  const listed: Listed[] = [];
  let matches = 0;
  const list = (match: StreamMatch): void => {
    matches += 1;
    if (listed.length >= opts.maxMatches) return;
    const ids = match.observations.map((o) => o.id);
    listed.push({ first: match.first.toString(), last: match.last.toString(), observations: ids });
  };
  for (const observation of observations) for (const match of session.push(observation)) list(match);

  const stats = session.stats();
  const skipped = observedData - observations.length;
  for (const problem of problems)
    ctx.io.stderr.write(`warning: unreadable record: ${escapeControls(problem)}\n`);
  if (unreadable > problems.length)
    ctx.io.stderr.write(`warning: ${unreadable - problems.length} more unreadable records\n`);
  if (opts.output !== 'table') {
    const counts = { observations: observations.length, skipped, unreadable, matches };
    const limits = { evictions: stats.evictions, truncated: stats.truncated };
    ctx.io.stdout.write(
      renderData(opts.output, {
        matched: matches > 0,
        counts,
        limits,
        warnings: checked.diagnostics,
        matches: listed,
      }),
    );
    return matches > 0 ? 0 : 1;
  }
  for (const warning of checked.diagnostics) {
    ctx.io.stderr.write(`warning ${warning.code}: ${escapeControls(warning.message)}\n`);
  }
  listed.forEach((m, i) => {
    ctx.io.stdout.write(`match ${i + 1}: ${m.first} .. ${m.last}\n`);
    for (const id of m.observations) ctx.io.stdout.write(`  ${escapeControls(id)}\n`);
  });
  ctx.io.stdout.write(summary(matches, listed.length, observations.length, skipped));
  if (stats.evictions + stats.truncated > 0) {
    ctx.io.stdout.write(
      `note: search limits were reached (${stats.evictions} partial matches evicted, ${stats.truncated} joins cut short); some matches may be missing\n`,
    );
  }
  return matches > 0 ? 0 : 1;
}

function summary(matches: number, shown: number, observations: number, skipped: number): string {
  const verdict = matches > 0 ? `matched ${matches} time${matches === 1 ? '' : 's'}` : 'did not match';
  const more = matches > shown ? ` (${matches - shown} not listed; raise --max-matches to see them)` : '';
  const bad = skipped > 0 ? `; ${skipped} observed-data without a valid time interval skipped` : '';
  return `pattern ${verdict} over ${observations} observation${observations === 1 ? '' : 's'}${bad}${more}\n`;
}
