/** `kstorm model compile <files…>`: the threat models as one STIX 2.1 bundle on standard output. */
import { loadModelFiles } from '../../app/index.js';
import { createValidator, namedIdentifier, Timestamp } from '../../stix/index.js';
import { compileToStix, defaultCatalogue } from '../../threatmodel/index.js';
import { KstormError } from '../../util/index.js';
import type { CommandContext } from '../context.js';
import { countLine, printProblems } from './model-report.js';

export interface ModelCompileOptions {
  readonly now?: string;
}

export async function runModelCompile(
  ctx: CommandContext,
  paths: readonly string[],
  opts: ModelCompileOptions,
): Promise<number> {
  const now = opts.now ?? new Date().toISOString();
  if (opts.now !== undefined && !Timestamp.tryParse(opts.now)) {
    throw new KstormError('KSTORM_CLI_USAGE', `--now ${opts.now} is not an RFC 3339 UTC timestamp.`);
  }
  const loaded = await loadModelFiles(paths);
  if (loaded.problems.some((p) => p.severity === 'error')) {
    printProblems(ctx.io.stderr, loaded.problems);
    ctx.io.stderr.write(`not compiled: ${countLine(loaded.problems)}\n`);
    return 1;
  }
  const objects = new Map<string, unknown>();
  for (const model of loaded.threatModels) {
    for (const object of compileToStix(model, { now, catalogue: defaultCatalogue }))
      objects.set(object.id as string, object);
  }
  const all = [...objects.values()];
  const issues = createValidator({ strict: true })
    .validateAll(all)
    .filter((i) => i.severity === 'error');
  if (issues.length > 0) {
    // The compiler's output is ours: an invalid object is a kstorm bug, never printed as intel.
    throw new KstormError(
      'KSTORM_INTERNAL',
      `The compiled bundle is not valid STIX: ${issues[0]?.message ?? ''}`,
    );
  }
  const names = loaded.threatModels.map((m) => `${m.metadata.name}@${m.metadata.modified ?? now}`).sort();
  const bundle = {
    type: 'bundle',
    id: namedIdentifier('bundle', `threat-models/${names.join(',')}`),
    objects: all,
  };
  ctx.io.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
  return 0;
}
