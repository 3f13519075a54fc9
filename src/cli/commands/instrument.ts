/** `kstorm instrument <files…> --out dir`: write the sensors and bait the threat models need. */
import { loadModelFiles, writeInstrumentation } from '../../app/index.js';
import {
  type GeneratedFile,
  instrumentModel,
  locateProblems,
  type ParameterValues,
} from '../../instrument/index.js';
import type { ModelProblem } from '../../threatmodel/index.js';
import { KstormError } from '../../util/index.js';
import type { CommandContext } from '../context.js';
import { countLine, printProblems } from './model-report.js';

export interface InstrumentOptions {
  readonly out: string;
  readonly set?: readonly string[];
  readonly force: boolean;
}

export function parseSettings(settings: readonly string[] = []): ParameterValues {
  const values: Record<string, string | string[]> = {};
  for (const setting of settings) {
    const eq = setting.indexOf('=');
    const name = setting.slice(0, eq);
    if (eq < 1 || !/^[a-zA-Z][a-zA-Z0-9]{0,62}$/.test(name)) {
      throw new KstormError(
        'KSTORM_CLI_USAGE',
        `--set takes name=value (a spec.parameters name), not ${JSON.stringify(setting.slice(0, 80))}.`,
      );
    }
    const value = setting.slice(eq + 1);
    values[name] = value.includes(',') ? value.split(',').map((v) => v.trim()) : value;
  }
  return values;
}

export async function runInstrument(
  ctx: CommandContext,
  paths: readonly string[],
  opts: InstrumentOptions,
): Promise<number> {
  const parameters = parseSettings(opts.set);
  const loaded = await loadModelFiles(paths);
  const problems: ModelProblem[] = [...loaded.problems];
  const files: GeneratedFile[] = [];
  if (!problems.some((p) => p.severity === 'error')) {
    if (loaded.threatModels.length !== 1) {
      throw new KstormError(
        'KSTORM_CLI_USAGE',
        `instrument writes one threat model at a time; ${loaded.threatModels.length} were loaded.`,
      );
    }
    const [model] = loaded.threatModels;
    if (model) {
      const generated = instrumentModel(model, parameters);
      files.push(...generated.files);
      problems.push(...locateProblems(model, generated.problems));
    }
  }
  printProblems(ctx.io.stderr, problems);
  if (problems.some((p) => p.severity === 'error')) {
    ctx.io.stderr.write(`nothing written: ${countLine(problems)}\n`);
    return 1;
  }
  const written = await writeInstrumentation(opts.out, files, opts.force);
  for (const path of written) ctx.io.stdout.write(`${opts.out.replace(/\/$/, '')}/${path}\n`);
  ctx.io.stdout.write(`${written.length} file(s) written; apply with: kubectl apply -k ${opts.out}\n`);
  return 0;
}
