/** `kstorm model test <files…> [--tests file]`: prove every witness against real sensor records. */
import { readFile } from 'node:fs/promises';
import { parseWitnessTests, runWitnessTests, witnessesUnderTest } from '../../app/index.js';
import { KstormError } from '../../util/index.js';
import type { CommandContext } from '../context.js';
import { type OutputFormat, renderData } from '../output.js';
import { escapeControls } from '../sanitize.js';
import { loadThreatModel } from './model-report.js';

export interface ModelTestOptions {
  readonly tests?: string;
  readonly output: OutputFormat;
}

export async function runModelTest(
  ctx: CommandContext,
  paths: readonly string[],
  opts: ModelTestOptions,
): Promise<number> {
  const model = await loadThreatModel(ctx, paths, 'tested');
  if (!model) return 1;
  const testsFile = opts.tests ?? model.position.file.replace(/\.ya?ml$/, '.tests.yaml');
  let text: string;
  try {
    text = await readFile(testsFile, 'utf8');
  } catch {
    throw new KstormError(
      'KSTORM_INPUT_UNREADABLE',
      `Cannot read the witness tests ${testsFile}: pass --tests <file>.`,
    );
  }
  const tests = parseWitnessTests(text, testsFile);
  const witnesses = witnessesUnderTest(model);
  const report = runWitnessTests(witnesses, tests);
  const failed = report.results.filter((r) => !r.passed);
  if (opts.output !== 'table') {
    ctx.io.stdout.write(
      renderData(opts.output, {
        passed: report.results.length - failed.length,
        failed: failed.map((r) => ({
          line: r.case.line,
          leaf: r.case.leaf,
          witness: r.witness,
          reason: r.reason,
        })),
        uncovered: report.uncovered,
      }),
    );
  } else {
    for (const r of failed) {
      ctx.io.stdout.write(
        `${escapeControls(`${testsFile}:${r.case.line}: FAIL ${r.witness ?? r.case.leaf}: ${r.reason ?? ''}`)}\n`,
      );
    }
    for (const u of report.uncovered) {
      ctx.io.stdout.write(
        `${escapeControls(`uncovered ${u.id}: no ${u.missing === 'case' ? 'test case' : 'near-miss'}`)}\n`,
      );
    }
    ctx.io.stdout.write(
      `${witnesses.length} witnesses, ${report.results.length} cases: ${report.results.length - failed.length} passed, ${failed.length} failed, ${report.uncovered.length} witness(es) not proven\n`,
    );
  }
  return failed.length > 0 || report.uncovered.length > 0 ? 1 : 0;
}
