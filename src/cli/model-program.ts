/** The `kstorm model …` and `kstorm instrument` commands: threat models as code. */
import { type Command, Option } from 'commander';
import type { CommandContext } from './context.js';
import { OUTPUT_FORMATS } from './output.js';

type Context = (command: Command, args?: readonly string[]) => CommandContext;
type Done = (code: number) => void;

const RENDER_FORMATS = ['svg', 'dot', 'mermaid', 'json'] as const;

export function registerModelCommands(program: Command, context: Context, done: Done): void {
  const model = program
    .command('model')
    .description('threat models as code: attack trees that drive detection, instrumentation and bait');
  const files = (c: Command) =>
    c.argument('<files...>', 'threat-model and attack-model YAML files, or folders of them');

  files(model.command('lint'))
    .description(
      'load and check threat models: every problem with file:line:column, and coverage gaps (exit 1 on any error)',
    )
    .option(
      '--instrumentation <dir>',
      'also check already generated (or hand-written) instrumentation in this folder for drift',
    )
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .action(async (paths: string[], opts, command: Command) => {
      const { runModelLint } = await import('./commands/model-lint.js');
      done(await runModelLint(context(command), paths, opts));
    });

  files(model.command('compile'))
    .description(
      'compile threat models to one STIX 2.1 bundle (attack-patterns, indicators, relationships, grouping)',
    )
    .option('--now <timestamp>', 'created/modified for models whose metadata gives none (default: now)')
    .action(async (paths: string[], opts, command: Command) => {
      const { runModelCompile } = await import('./commands/model-compile.js');
      done(await runModelCompile(context(command), paths, opts));
    });

  model
    .command('render')
    .description('draw the attack trees: gates drawn distinctly, leaves labelled with technique ids')
    .argument('<file>', 'the threat-model file')
    .addOption(new Option('--format <format>', 'output format').choices(RENDER_FORMATS).default('svg'))
    .option('--branch <id>', 'draw only this branch')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (file: string, opts, command: Command) => {
      const { runModelRender } = await import('./commands/model-render.js');
      done(await runModelRender(context(command), file, opts));
    });

  files(model.command('test'))
    .description(
      'prove the witnesses: ingest each test case with the real normaliser, expect a match and no match on the near-misses',
    )
    .option(
      '--tests <file>',
      'the WitnessTests file (default: <model>.tests.yaml beside the first model file)',
    )
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .action(async (paths: string[], opts, command: Command) => {
      const { runModelTest } = await import('./commands/model-test.js');
      done(await runModelTest(context(command), paths, opts));
    });

  model
    .command('catalogue')
    .description(
      'list the ready-made leaves (from: kubehound/…, stratus/…, tmfk/…) and the known technique ids',
    )
    .addOption(
      new Option('--list <what>', 'what to list').choices(['leaves', 'techniques']).default('leaves'),
    )
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .action(async (opts, command: Command) => {
      const { runModelCatalogue } = await import('./commands/model-catalogue.js');
      done(await runModelCatalogue(context(command), opts));
    });

  model
    .command('schema')
    .description('print the JSON Schema of the threat-model format (for editors: yaml-language-server)')
    .action(async (_opts, command: Command) => {
      const { THREAT_MODEL_SCHEMA } = await import('../threatmodel/index.js');
      context(command).io.stdout.write(`${JSON.stringify(THREAT_MODEL_SCHEMA, null, 2)}\n`);
      done(0);
    });

  files(program.command('instrument'))
    .description(
      'generate the sensors and bait a threat model needs: TracingPolicies, audit policy + webhook kubeconfig, Falco rules, Kubescape binding, bait manifests, kustomization',
    )
    .requiredOption('--out <dir>', 'the folder to write into (created if missing)')
    .option(
      '--set <name=value...>',
      'a value for a spec.parameters entry (repeatable; lists comma-separated)',
    )
    .option('--force', 'overwrite files kstorm did not write (a folder that is not empty)', false)
    .action(async (paths: string[], opts, command: Command) => {
      const { runInstrument } = await import('./commands/instrument.js');
      done(await runInstrument(context(command), paths, opts));
    });
}
