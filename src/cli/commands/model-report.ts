/** Prints threat-model problems the way compilers do, so editors and CI can annotate the lines. */
import { loadModelFiles } from '../../app/index.js';
import { formatProblem, type ModelProblem, type ThreatModel } from '../../threatmodel/index.js';
import { KstormError } from '../../util/index.js';
import type { CliOutput, CommandContext } from '../context.js';
import { type OutputFormat, renderData } from '../output.js';
import { escapeControls } from '../sanitize.js';

/** Writes the problems and a count line; returns the number of errors. */
export function printProblems(
  out: CliOutput,
  problems: readonly ModelProblem[],
  format: OutputFormat = 'table',
): number {
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (format !== 'table') {
    out.write(renderData(format, { errors, warnings: problems.length - errors, problems }));
    return errors;
  }
  for (const problem of problems) out.write(`${escapeControls(formatProblem(problem))}\n`);
  return errors;
}

export function countLine(problems: readonly ModelProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${errors} error(s), ${problems.length - errors} warning(s)`;
}

/**
 * Loads the files and returns their ThreatModel, or prints the problems (with "not <verb>: …") and
 * returns undefined when any is an error. No ThreatModel document at all is a usage error.
 */
export async function loadThreatModel(
  ctx: CommandContext,
  paths: readonly string[],
  verb: string,
): Promise<ThreatModel | undefined> {
  const loaded = await loadModelFiles(paths);
  if (loaded.problems.some((p) => p.severity === 'error')) {
    printProblems(ctx.io.stderr, loaded.problems);
    ctx.io.stderr.write(`not ${verb}: ${countLine(loaded.problems)}\n`);
    return undefined;
  }
  const [model] = loaded.threatModels;
  if (!model) throw new KstormError('KSTORM_CLI_USAGE', `${paths.join(', ')} holds no ThreatModel document.`);
  return model;
}
