/** `kstorm model render <file> --format svg|dot|mermaid|json`: the attack trees as a picture or data. */
import { writeFile } from 'node:fs/promises';
import { renderDot, renderJson, renderMermaid, renderSvg } from '../../threatmodel/index.js';
import { KstormError } from '../../util/index.js';
import type { CommandContext } from '../context.js';
import { loadThreatModel } from './model-report.js';

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
  const model = await loadThreatModel(ctx, [file], 'rendered');
  if (!model) return 1;
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
