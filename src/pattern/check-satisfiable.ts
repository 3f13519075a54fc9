/**
 * Satisfiability of one observation expression: every comparison inside one `[ … ]` binds to the same
 * object, so an AND whose sides can only hold on objects of different types can never match. Computes,
 * bottom-up, the object types that could satisfy each comparison expression: a comparison or EXISTS gives
 * its own type (negation does not change it), AND intersects and OR unites. Walks post-order with an
 * explicit stack, so left-deep chains of any length cannot overflow the call stack.
 */
import type { ComparisonExpression, ObjectPath } from './ast.js';
import type { DiagnosticSink } from './diagnostics.js';

/** How many type names a message lists per side, and how long each may be. */
const MAX_NAMES = 3;
const MAX_NAME = 40;

interface Frame {
  readonly node: ComparisonExpression;
  /** True once the children have been scheduled: the node is combined when it is popped again. */
  readonly expanded: boolean;
}

/**
 * Warns at each AND of `root` whose two sides each could hold on some object but on no common object
 * type. An AND whose set is empty only because a descendant was already reported is not reported again.
 */
export function checkSatisfiable(root: ComparisonExpression, sink: DiagnosticSink): void {
  const work: Frame[] = [{ node: root, expanded: false }];
  // Type sets of finished subtrees; each is consumed once by its parent, so it may be updated in place.
  const sets: Set<string>[] = [];
  for (let frame = work.pop(); frame; frame = work.pop()) {
    const { node } = frame;
    if (node.kind !== 'comparisonBinary') {
      sets.push(new Set([node.path.objectType]));
    } else if (!frame.expanded) {
      work.push(
        { node, expanded: true },
        { node: node.right, expanded: false },
        { node: node.left, expanded: false },
      );
    } else {
      const right = sets.pop() ?? new Set<string>();
      const left = sets.pop() ?? new Set<string>();
      // Small into large, so even chains of many distinct types stay near linear.
      const [small, large] = left.size <= right.size ? [left, right] : [right, left];
      if (node.operator === 'OR') {
        for (const type of small) large.add(type);
        sets.push(large);
      } else {
        const common = new Set<string>();
        for (const type of small) if (large.has(type)) common.add(type);
        if (common.size === 0 && small.size > 0) report(node.right, left, right, sink);
        sets.push(common);
      }
    }
  }
}

/** The caret goes under the first object path of the AND's right operand. */
function report(
  right: ComparisonExpression,
  leftTypes: ReadonlySet<string>,
  rightTypes: ReadonlySet<string>,
  sink: DiagnosticSink,
): void {
  const { offset, length } = leftmostPath(right).span;
  const message =
    `comparisons on ${describe(leftTypes)} and ${describe(rightTypes)} are joined by AND inside one [ … ]; ` +
    'all comparisons of one observation expression bind to one object, so this can never match — ' +
    `write ${suggest(leftTypes)} AND ${suggest(rightTypes)} instead`;
  sink.report('KSTORM_PATTERN_UNSATISFIABLE', 'warning', offset, length, message);
}

function leftmostPath(node: ComparisonExpression): ObjectPath {
  let n = node;
  while (n.kind === 'comparisonBinary') n = n.left;
  return n.path;
}

/** Up to MAX_NAMES type names in sorted order, each cut to MAX_NAME characters. */
function names(types: ReadonlySet<string>): string[] {
  return [...types]
    .sort()
    .slice(0, MAX_NAMES)
    .map((t) => (t.length > MAX_NAME ? `${t.slice(0, MAX_NAME)}…` : t));
}

/** `file`, or `(file or process)`, or `(a, b, c or 2 more)`. */
function describe(types: ReadonlySet<string>): string {
  const shown = names(types);
  if (types.size > shown.length) shown.push(`${types.size - shown.length} more`);
  const last = shown.pop() ?? '';
  return shown.length === 0 ? last : `(${shown.join(', ')} or ${last})`;
}

/** `[file:…]`, or `[file:… OR process:…]`, ending in `OR …` when names were left out. */
function suggest(types: ReadonlySet<string>): string {
  const parts = names(types).map((t) => `${t}:…`);
  if (types.size > parts.length) parts.push('…');
  return `[${parts.join(' OR ')}]`;
}
