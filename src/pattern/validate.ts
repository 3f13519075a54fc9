/**
 * validatePattern: parse, then the semantic checks, in one call that never throws on input.
 */
import { checkPattern } from './check.js';
import { DiagnosticSink } from './diagnostics.js';
import { type ParseOptions, type ParseResult, parsePattern } from './parser.js';

/**
 * Parses `text` and, when it parses, runs the semantic checks. The AST is returned whenever the text
 * parses, even with semantic errors, so tools can still show it; callers decide by the diagnostics.
 */
export function validatePattern(text: string, options: ParseOptions = {}): ParseResult {
  const parsed = parsePattern(text, options);
  if (!parsed.ast) return parsed;
  const sink = new DiagnosticSink(text);
  checkPattern(parsed.ast, sink);
  const diagnostics = [...parsed.diagnostics, ...sink.diagnostics].sort((a, b) => a.offset - b.offset);
  return { ast: parsed.ast, diagnostics };
}
