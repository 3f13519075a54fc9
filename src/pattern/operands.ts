/**
 * Flattening of AND / OR chains inside one `[ … ]`: the parser builds them as deep binary trees, and
 * walking those recursively could overflow the stack on a long chain.
 */
import type { ComparisonExpression } from './ast.js';

/**
 * The operands of the run of `expr`'s operator that `expr` heads, left to right (`a AND b AND c` gives
 * `[a, b, c]`; an operand with the other operator is kept whole). Uses an explicit stack.
 */
export function chainOperands(
  expr: Extract<ComparisonExpression, { kind: 'comparisonBinary' }>,
): ComparisonExpression[] {
  const operands: ComparisonExpression[] = [];
  const stack: ComparisonExpression[] = [expr];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'comparisonBinary' && node.operator === expr.operator)
      stack.push(node.right, node.left);
    else operands.push(node);
  }
  return operands;
}
