/**
 * The value rules of the grammar: literals, set literals and object paths, shared by the comparison rules.
 */
import type { KeyStep, Literal, ObjectPath, PathStep, SetLiteral } from './ast.js';
import { TokenCursor } from './cursor.js';
import { quote } from './diagnostics.js';
import type { Token } from './lexer.js';

/** Parses the leaves of comparisons; the expression rules extend it. */
export class ValueParser extends TokenCursor {
  protected setLiteral(): SetLiteral {
    const start = this.peek().offset;
    this.expectPunct('(', ['(']);
    const elements: Literal[] = [];
    if (!this.isPunct(')')) {
      elements.push(this.literalOf(['a literal value'], () => true));
      while (this.isPunct(',')) {
        this.pos++;
        elements.push(this.literalOf(['a literal value'], () => true));
      }
    }
    this.expectPunct(')', [',', ')']);
    return { kind: 'set', elements, span: this.span(start) };
  }

  protected objectPath(): ObjectPath {
    const start = this.peek().offset;
    const typeToken = this.peek();
    if (typeToken.type !== 'identifier') return this.fail(['an object type'], 'an object path');
    this.pos++;
    this.expectPunct(':', [':']);
    const first = this.key();
    const steps: PathStep[] = [];
    for (;;) {
      if (this.isPunct('.')) {
        this.pos++;
        steps.push(this.key());
      } else if (this.isPunct('[')) {
        const s = this.peek().offset;
        this.pos++;
        const n = this.peek();
        if (n.type !== 'int' && !(n.type === 'punct' && n.text === '*'))
          return this.fail(['an integer', '*']);
        this.pos++;
        this.expectPunct(']', [']']);
        steps.push({ kind: 'index', index: n.type === 'int' ? BigInt(n.text) : '*', span: this.span(s) });
      } else {
        break;
      }
    }
    return { kind: 'path', objectType: typeToken.text, steps: [first, ...steps], span: this.span(start) };
  }

  protected key(): KeyStep {
    const t = this.peek();
    const span = { offset: t.offset, length: t.length };
    if (t.type === 'string') {
      this.pos++;
      return { kind: 'key', name: t.value, span };
    }
    if (t.type === 'identifier' && !t.text.includes('-')) {
      this.pos++;
      return { kind: 'key', name: t.text, span };
    }
    if (t.type === 'identifier') {
      return this.failAt(t, `property name ${quote(t.text)} contains a hyphen; quote it as '${t.text}'`);
    }
    return this.fail(['a property name', "a quoted property name '…'"]);
  }

  protected literalOf(expected: readonly string[], allowed: (kind: Literal['kind']) => boolean): Literal {
    const t = this.peek();
    if (t.type === 'identifier' || t.type === 'keyword' || t.type === 'punct' || t.type === 'eof') {
      return this.fail(expected);
    }
    const lit = this.literal(t);
    if (!allowed(lit.kind)) return this.fail(expected);
    this.pos++;
    return lit;
  }

  protected literal(t: Token): Literal {
    const span = { offset: t.offset, length: t.length };
    switch (t.type) {
      case 'int':
        return { kind: 'int', value: BigInt(t.text), span };
      case 'float':
        return { kind: 'float', value: Number(t.text), span };
      case 'bool':
        return { kind: 'bool', value: t.text === 'true', span };
      case 'string':
      case 'binary':
      case 'hex':
      case 'timestamp':
        return { kind: t.type, value: t.value, span };
      default:
        return this.fail(['a literal value']);
    }
  }
}
