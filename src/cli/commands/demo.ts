/** Placeholder for `kstorm demo` until the end-to-end demo lands; it only says so. */
import type { CommandContext } from '../context.js';

/** Runs the demo; returns the exit code. */
export async function runDemo(ctx: CommandContext): Promise<number> {
  ctx.io.stdout.write('kstorm demo: not built yet; run kstorm stix validate <file> meanwhile\n');
  return 0;
}
