/** `kstorm pattern check '<pattern>'`: parses and checks one STIX pattern, printing its canonical form. */
import { type Diagnostic, printPattern, validatePattern } from '../../pattern/index.js';
import type { CommandContext } from '../context.js';
import { type OutputFormat, renderData } from '../output.js';
import { escapeControls } from '../sanitize.js';

/** Options of `pattern check`. */
export interface PatternCheckOptions {
  readonly output: OutputFormat;
  readonly stixVersion: '2.0' | '2.1';
  readonly strict: boolean;
}

/** Exit 1 when the pattern has an error (or, with `strict`, a warning), 0 otherwise. */
export async function runPatternCheck(
  ctx: CommandContext,
  pattern: string,
  opts: PatternCheckOptions,
): Promise<number> {
  const result = validatePattern(pattern, { stixVersion: opts.stixVersion });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const valid = errors === 0 && !(opts.strict && warnings > 0);
  const canonical = result.ast && errors === 0 ? printPattern(result.ast) : undefined;
  if (opts.output !== 'table') {
    ctx.io.stdout.write(renderData(opts.output, { valid, canonical, diagnostics: result.diagnostics }));
    return valid ? 0 : 1;
  }
  for (const d of result.diagnostics) ctx.io.stdout.write(describe(pattern, d));
  if (canonical !== undefined) ctx.io.stdout.write(`canonical: ${escapeControls(canonical)}\n`);
  ctx.io.stdout.write(
    `${valid ? 'valid' : 'invalid'} STIX ${opts.stixVersion} pattern: ${errors} error(s), ${warnings} warning(s)\n`,
  );
  return valid ? 0 : 1;
}

/** One diagnostic with the pattern line and a caret under the column, like a compiler. */
function describe(pattern: string, d: Diagnostic): string {
  const lineStart = pattern.lastIndexOf('\n', Math.max(0, d.offset - 1)) + 1;
  const lineEnd = pattern.indexOf('\n', d.offset);
  const line = pattern.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const shown = line.length > 160 ? undefined : escapeControls(line);
  const caret = shown === undefined ? '' : `  ${shown}\n  ${' '.repeat(Math.max(0, d.column - 1))}^\n`;
  return `${d.severity} ${d.code}: ${escapeControls(d.message)}\n${caret}`;
}
