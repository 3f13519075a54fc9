/** `kstorm stix validate <file|->`: streams STIX content through the validator and reports its issues. */
import { validatePattern } from '../../pattern/index.js';
import {
  createValidator,
  readStixObjects,
  type SourceLocation,
  type StixInputFormat,
  type ValidationIssue,
} from '../../stix/index.js';
import type { CommandContext } from '../context.js';
import { openInput } from '../input.js';
import { renderIssueReport } from '../issue-report.js';
import { type OutputFormat, renderData } from '../output.js';
import { createProgress } from '../progress.js';
import { escapeControls } from '../sanitize.js';

/** The options of `stix validate`, as parsed by the command line. */
export interface StixValidateOptions {
  readonly output: OutputFormat;
  readonly strict: boolean;
  readonly format: StixInputFormat;
  /** Issues listed at most; beyond that they are only counted. */
  readonly maxIssues: number;
}

/**
 * Validates one input as one scope. Returns 1 when an error was found (or, with `strict`, a warning),
 * 0 otherwise; an input that cannot be opened throws KSTORM_INPUT_UNREADABLE (exit 2 in `main`).
 */
export async function runStixValidate(
  ctx: CommandContext,
  file: string,
  opts: StixValidateOptions,
): Promise<number> {
  const input = await openInput(file, ctx.io.stdin);
  const session = createValidator({ strict: opts.strict }).session();
  const progress = createProgress(ctx.io.stderr);
  const listed: ValidationIssue[] = [];
  let errors = 0;
  let warnings = 0;
  const record = (issues: readonly ValidationIssue[]): void => {
    for (const issue of issues) {
      if (issue.severity === 'error') errors++;
      else warnings++;
      if (listed.length < opts.maxIssues) listed.push(issue);
    }
  };
  try {
    for await (const item of readStixObjects(input.chunks, { format: opts.format })) {
      if (item.kind === 'object') {
        record(session.addObject(item.object, item.location));
        record(patternIssues(item.object, item.location));
      } else if (item.kind === 'bundle') record(session.addBundleEnvelope(item.bundle, item.location));
      else {
        // A broken record is a finding about the input, not a failure of the command.
        const { code, message } = item.error;
        record([{ code, severity: 'error', path: '$', message, location: item.location }]);
      }
      const mb = (input.bytesRead() / 1_048_576).toFixed(1);
      progress.update(`validating: ${session.counts.objects} objects, ${mb} MB read`);
    }
    record(session.finish());
    if (session.counts.objects === 0 && errors === 0) {
      // An empty file or pipe is a truncated download or a broken producer, not valid STIX.
      record([
        {
          code: 'KSTORM_INPUT_SHAPE',
          severity: 'error',
          path: '$',
          message: 'the input holds no STIX object',
        },
      ]);
    }
  } finally {
    progress.done();
  }

  const objects = session.counts.objects;
  const valid = errors === 0 && !(opts.strict && warnings > 0);
  const unlisted = errors + warnings - listed.length;
  if (opts.output === 'table') {
    const summary = `${plural(objects, 'object')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
    const more = unlisted > 0 ? ` (${unlisted} more not listed; raise --max-issues to see them)` : '';
    ctx.io.stdout.write(renderIssueReport(listed));
    ctx.io.stdout.write(
      `${summary} in ${escapeControls(input.name)}: ${valid ? 'valid' : 'invalid'}${more}\n`,
    );
  } else {
    const counts = { objects, invalidObjects: session.counts.invalidObjects, errors, warnings, unlisted };
    ctx.io.stdout.write(renderData(opts.output, { file: input.name, valid, counts, issues: listed }));
  }
  return valid ? 0 : 1;
}

/**
 * The STIX validator sits below the pattern stage, so the command checks indicator patterns itself: each
 * error or warning of the pattern checker becomes an issue at `$.pattern`.
 */
function patternIssues(object: unknown, location: SourceLocation | undefined): ValidationIssue[] {
  if (typeof object !== 'object' || object === null) return [];
  const indicator = object as Record<string, unknown>;
  const { pattern } = indicator;
  if (indicator['type'] !== 'indicator' || typeof pattern !== 'string') return [];
  if ((indicator['pattern_type'] ?? 'stix') !== 'stix') return [];
  const stixVersion = indicator['pattern_version'] === '2.0' ? '2.0' : '2.1';
  const id = typeof indicator['id'] === 'string' ? indicator['id'] : undefined;
  return validatePattern(pattern, { stixVersion }).diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    ...(id === undefined ? {} : { objectId: id }),
    objectType: 'indicator',
    path: '$.pattern',
    message: `pattern ${d.message}`,
    ...(location === undefined ? {} : { location }),
  }));
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
