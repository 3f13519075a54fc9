/** Prints threat-model problems the way compilers do, so editors and CI can annotate the lines. */
import { formatProblem, type ModelProblem } from '../../threatmodel/index.js';
import type { CliOutput } from '../context.js';
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
