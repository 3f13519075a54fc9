/** A single self-updating status line on a terminal's stderr; silent when stderr is not a terminal. */
import type { CliOutput } from './context.js';

/** A progress line: `update` redraws it (throttled), `done` erases it. */
export interface Progress {
  update(text: string): void;
  done(): void;
}

/** The shortest pause between two redraws, in milliseconds (about ten per second). */
const INTERVAL_MS = 100;
const CLEAR_LINE = '\r\u001b[K';

/** Creates a progress line on `stream`, or a no-op one when `stream` is not a TTY (logs, pipes, CI). */
export function createProgress(stream: CliOutput, now: () => number = Date.now): Progress {
  if (stream.isTTY !== true) return { update: () => {}, done: () => {} };
  let last = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    update(text) {
      const time = now();
      if (time - last < INTERVAL_MS) return;
      last = time;
      shown = true;
      stream.write(`${CLEAR_LINE}${text}`);
    },
    done() {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}
