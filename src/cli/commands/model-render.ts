/** `kstorm model render <file> --format svg|dot|mermaid|json`: the attack trees as a picture or data. */
import { writeFile } from 'node:fs/promises';
import { loadModelFiles } from '../../app/index.js';
import { renderDot, renderJson, renderMermaid, renderSvg } from '../../threatmodel/index.js';
import { KstormError } from '../../util/index.js';
import type { CommandContext } from '../context.js';
import { countLine, printProblems } from './model-report.js';

export interface ModelRenderOptions {
  readonly format: 'svg' | 'dot' | 'mermaid' | 'json';
  readonly branch?: string;
  readonly out?: string;
}

export async function runModelRender(
  ctx: CommandContext,
  file: string,
  opts: ModelRenderOptions,
): Promise<number> {
  const loaded = await loadModelFiles([file]);
  if (loaded.problems.some((p) => p.severity === 'error')) {
    printProblems(ctx.io.stderr, loaded.problems);
    ctx.io.stderr.write(`not rendered: ${countLine(loaded.problems)}\n`);
    return 1;
  }
  const [model] = loaded.threatModels;
  if (!model) throw new KstormError('KSTORM_CLI_USAGE', `${file} holds no ThreatModel document.`);
  if (opts.branch !== undefined && !model.branches.some((b) => b.id === opts.branch)) {
    throw new KstormError(
      'KSTORM_CLI_USAGE',
      `--branch ${opts.branch}: the model's branches are ${model.branches.map((b) => b.id).join(', ')}.`,
    );
  }
  const options = opts.branch === undefined ? {} : { branch: opts.branch };
  const text =
    opts.format === 'svg'
      ? await renderSvg(model, options)
      : opts.format === 'dot'
        ? renderDot(model, options)
        : opts.format === 'mermaid'
          ? renderMermaid(model, options)
          : renderJson(model, options);
  const output = typeof text === 'string' ? text : `${JSON.stringify(text, null, 2)}\n`;
  if (opts.out === undefined) ctx.io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  else await writeFile(opts.out, output);
  return 0;
}
