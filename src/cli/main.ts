/**
 * The `kstorm` command line: parses arguments with commander, runs one command, and turns every outcome
 * into an exit code (0 ok, 1 findings, 2 usage error or unreadable input) and at most one error line.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { StixInputFormat } from '../stix/index.js';
import { ERROR_CATALOGUE, isKstormError, KstormError } from '../util/index.js';
import type { DemoOptions } from './commands/demo.js';
import type { IngestCommandOptions } from './commands/ingest.js';
import type { ListenOptions } from './commands/ingest-listen.js';
import type { PatternCheckOptions } from './commands/pattern-check.js';
import type { PatternMatchOptions } from './commands/pattern-match.js';
import type { StixValidateOptions } from './commands/stix-validate.js';
import type { CliIo, CommandContext } from './context.js';
import { registerModelCommands } from './model-program.js';
import { OUTPUT_FORMATS } from './output.js';
import { escapeControls } from './sanitize.js';

export type { CliIo, CliOutput, CommandContext } from './context.js';

/** The input formats `stix validate --format` accepts. */
const STIX_INPUT_FORMATS: readonly StixInputFormat[] = ['auto', 'bundle', 'array', 'jsonl'];

/** The default of `pattern match --max-matches`. */
const DEFAULT_MAX_MATCHES = 100;

/** The sensors `ingest --source` names. */
const SENSORS = ['tetragon', 'k8s-audit', 'falco', 'kubescape'] as const;

/** The default of `ingest --max-record-bytes`: 16 MiB. */
const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** The default of `stix validate --max-issues`. */
const DEFAULT_MAX_ISSUES = 1000;

/** Exit codes, the contract scripts rely on: 2 covers usage errors, unreadable input and any other failure. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/**
 * Runs kstorm with `argv` in `process.argv` form (node, script, arguments...) and returns the exit code.
 * Never calls `process.exit` and never throws; `io` defaults to the process streams.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'node' });
    return exitCode;
  } catch (error) {
    const debug = program.opts()['debug'] === true || argv.includes('--debug');
    return report(io, error, debug);
  }
}

/** Builds the command tree; each action reports its exit code through `done`. */
function buildProgram(io: CliIo, done: (code: number) => void): Command {
  const context = (command: Command, args: readonly string[] = []): CommandContext => ({
    io,
    debug: command.optsWithGlobals()['debug'] === true,
    args,
  });
  const program = new Command('kstorm')
    .description(
      'kstorm, the Kubernetes Storm Center: sensor events turned into STIX 2.1 threat intelligence',
    )
    .version(readVersion(), '-V, --version', 'print the version')
    .option('--debug', 'show stack traces of unexpected errors')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Usage errors are printed by `report`, in the same one-line form as every other error.
      outputError: () => {},
    });

  const stix = program.command('stix').description('work with STIX 2.1 content');
  stix
    .command('validate')
    .description('validate STIX 2.1 content: a bundle, an array of objects, or JSON lines')
    .argument('<file>', 'the file to read, or - for standard input')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .addOption(new Option('--format <format>', 'input format').choices(STIX_INPUT_FORMATS).default('auto'))
    .option('--strict', 'treat departures from STIX SHOULDs as errors', false)
    .option(
      '--max-issues <n>',
      'list at most n issues (all are counted)',
      positiveInteger,
      DEFAULT_MAX_ISSUES,
    )
    .action(async (file: string, opts: StixValidateOptions, command: Command) => {
      // Commands load on demand, so --help and --version stay fast and never load the validator.
      const { runStixValidate } = await import('./commands/stix-validate.js');
      done(await runStixValidate(context(command), file, opts));
    });

  const pattern = program.command('pattern').description('work with STIX patterns (indicator language)');
  pattern
    .command('check')
    .description('parse and check a STIX pattern; print its canonical form and any errors with their column')
    .argument('<pattern>', 'the pattern, e.g. "[ipv4-addr:value = \'198.51.100.1\']"')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .addOption(new Option('--stix-version <version>', 'STIX version').choices(['2.0', '2.1']).default('2.1'))
    .option('--strict', 'treat warnings (unknown object types or properties) as errors', false)
    .action(async (text: string, opts: PatternCheckOptions, command: Command) => {
      const { runPatternCheck } = await import('./commands/pattern-check.js');
      done(await runPatternCheck(context(command), text, opts));
    });

  pattern
    .command('match')
    .description(
      'run a STIX pattern over the observed-data of STIX files, in time order, and list every match (exit 0 when it matched, 1 when not)',
    )
    .argument(
      '<pattern>',
      "the pattern, e.g. \"[process:command_line MATCHES '^curl'] FOLLOWEDBY [file:name = 'token']\"",
    )
    .argument('<files...>', 'bundles, arrays of objects or JSON lines; - for standard input')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .addOption(new Option('--stix-version <version>', 'STIX version').choices(['2.0', '2.1']).default('2.1'))
    .addOption(new Option('--format <format>', 'input format').choices(STIX_INPUT_FORMATS).default('auto'))
    .option(
      '--max-matches <n>',
      'list at most n matches (all are counted)',
      positiveInteger,
      DEFAULT_MAX_MATCHES,
    )
    .action(async (text: string, files: string[], opts: PatternMatchOptions, command: Command) => {
      const { runPatternMatch } = await import('./commands/pattern-match.js');
      done(await runPatternMatch(context(command), text, files, opts));
    });

  program
    .command('ingest')
    .description(
      'read sensor output (Tetragon, Kubernetes audit, Falco, Kubescape) as JSON lines or one JSON document and print STIX 2.1 observations; exit 1 when records were dead-lettered',
    )
    .argument(
      '[file]',
      'the file to read, or - for standard input (e.g. tetra getevents -o json | kstorm ingest -)',
    )
    .addOption(
      new Option('--source <sensor>', 'the sensor that wrote the input; auto recognises each record')
        .choices(['auto', ...SENSORS])
        .default('auto'),
    )
    .addOption(
      new Option(
        '-o, --output <format>',
        'jsonl: one STIX bundle per observation and line; stix: one bundle; events: the normalised events',
      )
        .choices(['jsonl', 'stix', 'events'])
        .default('jsonl'),
    )
    .option('-f, --follow', 'keep reading as the file grows, like tail -f (stop with Ctrl-C)', false)
    .option(
      '--dead-letter <file>',
      'append every rejected record, with the reason, as JSON lines to this file',
    )
    .option(
      '--listen <[host:]port>',
      'serve the HTTP ingest endpoints instead of reading a file (default host 127.0.0.1)',
    )
    .option('--token-file <file>', 'with --listen: bearer tokens, one per line (else KSTORM_INGEST_TOKENS)')
    .option(
      '--max-body-bytes <n>',
      'with --listen: largest request body after decompression',
      positiveInteger,
      16 * 1024 * 1024,
    )
    .option('--cluster <name>', "the cluster's name, recorded on pods, objects and processes")
    .option('--no-raw', 'leave the raw record (an artifact) out of each observation')
    .option(
      '--max-record-bytes <n>',
      'longest line read; longer ones are dead-lettered',
      positiveInteger,
      DEFAULT_MAX_RECORD_BYTES,
    )
    .action(
      async (
        file: string | undefined,
        opts: IngestCommandOptions & Omit<ListenOptions, 'output'>,
        command: Command,
      ) => {
        if ((file === undefined) === (opts.listen === undefined)) {
          throw new KstormError(
            'KSTORM_CLI_USAGE',
            'ingest takes a file (or - for standard input), or --listen.',
          );
        }
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          if (opts.listen !== undefined) {
            if (opts.output === 'stix')
              throw new KstormError('KSTORM_CLI_USAGE', '--listen prints jsonl or events.');
            const { runIngestListen } = await import('./commands/ingest-listen.js');
            done(
              await runIngestListen(context(command), { ...opts, output: opts.output }, controller.signal),
            );
            return;
          }
          const { runIngest } = await import('./commands/ingest.js');
          done(await runIngest(context(command), file as string, opts, controller.signal));
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      },
    );

  registerModelCommands(program, context, done);

  const env = (flags: string, description: string, variable: string, fallback?: string) => {
    const option = new Option(flags, `${description} [env ${variable}]`).env(variable);
    return fallback === undefined ? option : option.default(fallback);
  };
  program
    .command('serve')
    .description(
      'run the storm center: ingest endpoints, correlation, the store, the JSON API and the dashboard',
    )
    .option('--config <file>', 'YAML settings (keys as the long flags in camelCase); flags and env win')
    .addOption(
      env(
        '--listen <[host:]port>',
        'address to listen on (anything but loopback needs tokens)',
        'KSTORM_LISTEN',
        '127.0.0.1:8480',
      ),
    )
    .addOption(env('--data <dir>', 'folder of the embedded SQLite store', 'KSTORM_DATA', 'kstorm-data'))
    .addOption(
      env('--store <url>', 'postgres://…[?schema=name] for PostgreSQL, or a SQLite file', 'KSTORM_STORE'),
    )
    .addOption(
      env('--model <file>', 'threat model (default: the bundled honeycluster library)', 'KSTORM_MODEL'),
    )
    .option('--token-file <file>', 'bearer tokens, one per line (else KSTORM_INGEST_TOKENS)')
    .addOption(env('--cluster <name>', 'cluster name recorded with every observation', 'KSTORM_CLUSTER'))
    .addOption(
      env(
        '--log-level <level>',
        'structured (JSON) log level: fatal … trace, or silent',
        'KSTORM_LOG_LEVEL',
        'info',
      ),
    )
    .addOption(env('--retention-days <N>', 'keep raw observations N days', 'KSTORM_RETENTION_DAYS', '30'))
    .option('--idle-timeout <seconds>', 'observation time without a hit that closes an actor session', '1800')
    .option(
      '--incident-fraction <0..1>',
      'how deep into a branch an actor must go to open an incident',
      '0.5',
    )
    .option(
      '--demo [capture]',
      'after start, play a capture into the center (default: the bundled honeycluster day)',
    )
    .option('--demo-speed <N>', 'play the demo N times faster than recorded', '600')
    .action(async (flags, command: Command) => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const { runServe } = await import('./commands/serve.js');
        const { withConfigFile } = await import('./commands/serve-config.js');
        const opts = await withConfigFile(flags, flags.config, (key) => command.getOptionValueSource(key));
        done(await runServe(context(command), opts, controller.signal));
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });

  program
    .command('replay')
    .description(
      'feed recorded sensor output through the storm center pipeline in memory and summarise sessions, incidents and paths',
    )
    .argument(
      '<captures...>',
      'capture files (any format kstorm ingest reads, gzip too), or - for standard input',
    )
    .option('--model <file>', 'threat model (default: the bundled honeycluster library)')
    .option('--speed <N|max>', 'replay N times faster than recorded, or as fast as possible', 'max')
    .option('--cluster <name>', 'cluster name recorded with every observation')
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .action(async (captures: string[], opts, command: Command) => {
      const { runReplay } = await import('./commands/replay.js');
      done(await runReplay(context(command), captures, opts));
    });

  program
    .command('demo')
    .description('show the SSH-bait attack as the STIX 2.1 observations kstorm emits, validated')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .action(async (opts: DemoOptions, command: Command) => {
      const { runDemo } = await import('./commands/demo.js');
      done(await runDemo(context(command), { output: opts.output }));
    });
  return program;
}

/** Prints an error as one line (plus its hint) and maps it to an exit code. */
function report(io: CliIo, error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version end parsing with a "success" error; the text is already written.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.usage;
    const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
    return print(io, new KstormError('KSTORM_CLI_USAGE', message), EXIT.usage, debug ? error : undefined);
  }
  // Findings are reported by the commands themselves (exit 1); anything thrown is trouble (exit 2).
  if (isKstormError(error)) return print(io, error, EXIT.usage, debug ? error : undefined);
  const message = error instanceof Error ? error.message : String(error);
  const internal = new KstormError('KSTORM_INTERNAL', `Unexpected error: ${message}`);
  return print(io, internal, EXIT.usage, debug ? error : undefined);
}

function print(io: CliIo, error: KstormError, exitCode: number, trace: unknown): number {
  const message = escapeControls(error.message.replace(/\.$/, ''));
  io.stderr.write(`kstorm: ${message} (${error.code})\nhint: ${ERROR_CATALOGUE[error.code].hint}\n`);
  if (trace instanceof Error && trace.stack !== undefined) io.stderr.write(`${trace.stack}\n`);
  return exitCode;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

/** The package version, read at run time from package.json (two levels up in source, three in dist/). */
function readVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as Record<
        string,
        unknown
      >;
      if (pkg['name'] === 'kstorm' && typeof pkg['version'] === 'string') return pkg['version'];
    } catch {
      // Not at this level: try the next.
    }
  }
  return '0.0.0-unknown';
}

function processIo(): CliIo {
  // `kstorm … | head` closes the pipe early: that is the reader saying "enough", not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}
