/** The small world a command runs in: where its output goes and where standard input comes from. */

/** A text sink like `process.stdout`: only `write` is used, and `isTTY` to decide on progress lines. */
export interface CliOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** The streams of one CLI run; tests pass in-memory ones. */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly stdin: AsyncIterable<Uint8Array | string>;
}

/** What every command receives. */
export interface CommandContext {
  readonly io: CliIo;
  /** `--debug`: show stack traces of unexpected errors. */
  readonly debug: boolean;
  /** Arguments after the command name that the command parses itself (used by `demo`). */
  readonly args: readonly string[];
}
