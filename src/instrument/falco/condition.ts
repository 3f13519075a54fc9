/**
 * The checks kstorm can make on a Falco condition or output without Falco's grammar at hand: text is
 * present, quotes close, parentheses balance outside quotes, no stray control characters. Falco itself
 * checks field names and operators when it loads the rules.
 */

/** Whether `text` holds a C0 control character or DEL; tab, line feed and carriage return may be allowed. */
export function hasControlCharacter(text: string, allowLineBreaks: boolean): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (allowLineBreaks && (code === 9 || code === 10 || code === 13)) continue;
    if (code < 32 || code === 127) return true;
  }
  return false;
}

/** Why `condition` cannot be a Falco condition, or undefined when it passes kstorm's checks. */
export function conditionProblem(condition: string): string | undefined {
  if (condition.trim() === '') return 'the condition is empty';
  if (hasControlCharacter(condition, true)) return 'the condition holds a control character';
  let depth = 0;
  let quote: string | undefined;
  for (let index = 0; index < condition.length; index += 1) {
    const char = condition[index];
    if (quote !== undefined) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '(') depth += 1;
    else if (char === ')') {
      depth -= 1;
      if (depth < 0) return `the condition closes a parenthesis it never opened (character ${index + 1})`;
    }
  }
  if (quote !== undefined) return `the condition leaves a ${quote} quote open`;
  if (depth > 0) return `the condition leaves ${depth} parenthes${depth === 1 ? 'is' : 'es'} open`;
  return undefined;
}

/** Why `output` cannot be a Falco output line, or undefined. */
export function outputProblem(output: string): string | undefined {
  if (output.trim() === '') return 'the output is empty';
  if (hasControlCharacter(output, false)) return 'the output must be one line of printable text';
  return undefined;
}
