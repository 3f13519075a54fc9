/** `kstorm model lint <files…>`: load problems plus coverage gaps; exit 1 on any error. */
import { loadModelFiles, readInstrumentation } from '../../app/index.js';
import { instrumentModel, lintCoverage } from '../../instrument/index.js';
import { leavesOf, type ModelProblem, witnessesOf } from '../../threatmodel/index.js';
import type { CommandContext } from '../context.js';
import type { OutputFormat } from '../output.js';
import { countLine, printProblems } from './model-report.js';

export interface ModelLintOptions {
  readonly instrumentation?: string;
  readonly output: OutputFormat;
}

const where = (p: ModelProblem) => `${p.file}:${p.line}:${p.column}`;

export async function runModelLint(
  ctx: CommandContext,
  paths: readonly string[],
  opts: ModelLintOptions,
): Promise<number> {
  const loaded = await loadModelFiles(paths);
  const problems: ModelProblem[] = [...loaded.problems];
  const given =
    opts.instrumentation === undefined ? undefined : await readInstrumentation(opts.instrumentation);
  let leaves = 0;
  let witnesses = 0;
  for (const model of loaded.threatModels) {
    leaves += [...leavesOf(model)].length;
    witnesses += [...witnessesOf(model)].length;
    const generated = instrumentModel(model);
    const instrumentation =
      given ?? generated.files.map((f) => ({ file: `<generated>/${f.path}`, documents: f.documents }));
    // A witness the loader already refused would be reported again by generation and coverage: once is enough.
    const refused = new Set(loaded.problems.filter((p) => p.severity === 'error').map(where));
    problems.push(
      ...lintCoverage(model, instrumentation, generated.problems).filter((p) => !refused.has(where(p))),
    );
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const errors = printProblems(ctx.io.stdout, problems, opts.output);
  if (opts.output === 'table') {
    ctx.io.stdout.write(
      `${loaded.threatModels.length} threat model(s), ${loaded.attackModels.length} attack model(s), ${leaves} leaves, ${witnesses} witnesses: ${countLine(problems)}\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}
