/**
 * YAML documents with their positions: every value of a threat-model file can be traced back to the line
 * and column it was written at, so problems found long after parsing still point into the file.
 */
import { type Document, isMap, isNode, isPair, isScalar, LineCounter, parseAllDocuments, Scalar } from 'yaml';
import type { SourcePosition } from './types.js';

/** Longest threat-model file accepted (4 MiB): models are written by people, not generated in bulk. */
export const MAX_MODEL_BYTES = 4 * 1024 * 1024;
/** Bound on alias expansion, so a small file cannot blow up into a huge value (billion laughs). */
const MAX_ALIAS_COUNT = 100;

export type PathKey = string | number;

/** One parsed YAML document and how to locate paths in it. */
export class SourceDocument {
  readonly file: string;
  readonly value: unknown;
  readonly #doc: Document.Parsed;
  readonly #lines: LineCounter;
  readonly #text: string;

  constructor(file: string, doc: Document.Parsed, lines: LineCounter, text: string) {
    this.file = file;
    this.#doc = doc;
    this.#lines = lines;
    this.#text = text;
    this.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  }

  /** Where the document starts. */
  get start(): SourcePosition {
    const offset = this.#doc.contents && isNode(this.#doc.contents) ? this.#doc.contents.range?.[0] : 0;
    return this.at(offset ?? 0);
  }

  /** Position of a 0-based offset in the file. */
  at(offset: number): SourcePosition {
    const { line, col } = this.#lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /**
   * Position of the value at `path` (or of its key, when `key` is true); the nearest existing ancestor
   * when the path does not exist (a missing property is reported on its parent).
   */
  position(path: readonly PathKey[], key = false): SourcePosition {
    for (let depth = path.length; depth >= 0; depth--) {
      const parent = depth > 0 ? this.#doc.getIn(path.slice(0, depth - 1), true) : undefined;
      if (key && depth === path.length && depth > 0 && isMap(parent)) {
        const pair = parent.items.find(
          (p) => isPair(p) && isScalar(p.key) && p.key.value === path[depth - 1],
        );
        const range = pair && isNode(pair.key) ? pair.key.range : undefined;
        if (range) return this.at(range[0]);
      }
      const node = depth === 0 ? this.#doc.contents : this.#doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return this.at(node.range[0]);
    }
    return this.start;
  }

  /**
   * Position of character `offset` inside the string scalar at `path`: exact for plain and quoted
   * one-line scalars and for literal blocks (`|`), the scalar's start otherwise.
   */
  positionInString(path: readonly PathKey[], offset: number, line: number, column: number): SourcePosition {
    const node = this.#doc.getIn(path, true);
    if (!isScalar(node) || !node.range) return this.position(path);
    const start = node.range[0];
    const here = this.at(start);
    switch (node.type) {
      case Scalar.PLAIN:
        return line === 1 ? this.at(start + offset) : here;
      case Scalar.QUOTE_SINGLE:
      case Scalar.QUOTE_DOUBLE: {
        const raw = this.#text.slice(start, node.range[1]);
        // Escapes shift offsets; only an escape-free one-line scalar maps exactly.
        const exact = !raw.includes('\n') && !raw.includes('\\') && !raw.slice(1, -1).includes("''");
        return exact && line === 1 ? this.at(start + 1 + offset) : here;
      }
      case Scalar.BLOCK_LITERAL: {
        const firstLineEnd = this.#text.indexOf('\n', start);
        if (firstLineEnd < 0) return here;
        const contentStart = firstLineEnd + 1;
        const indent = /^ */.exec(this.#text.slice(contentStart))?.[0].length ?? 0;
        const first = this.at(contentStart);
        return { file: this.file, line: first.line + line - 1, column: indent + column };
      }
      default:
        return here;
    }
  }
}

/** A YAML syntax problem. */
export interface YamlProblem {
  readonly position: SourcePosition;
  readonly message: string;
}

/** Parses every document of a file; syntax errors come back as problems, never thrown. */
export function parseSource(
  file: string,
  text: string,
): { documents: SourceDocument[]; problems: YamlProblem[] } {
  const lines = new LineCounter();
  const problems: YamlProblem[] = [];
  const documents: SourceDocument[] = [];
  const parsed = parseAllDocuments(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const all = Array.isArray(parsed) ? parsed : [];
  for (const doc of all) {
    for (const error of [...doc.errors, ...doc.warnings]) {
      const [offset] = error.pos;
      const { line, col } = lines.linePos(offset);
      problems.push({ position: { file, line, column: col }, message: firstLine(error.message) });
    }
    if (doc.errors.length > 0) continue;
    if (doc.contents === null) continue;
    try {
      documents.push(new SourceDocument(file, doc, lines, text));
    } catch (error) {
      // toJS refuses excessive aliasing; say so at the document start.
      const offset = doc.contents && isNode(doc.contents) ? (doc.contents.range?.[0] ?? 0) : 0;
      const { line, col } = lines.linePos(offset);
      problems.push({ position: { file, line, column: col }, message: firstLine((error as Error).message) });
    }
  }
  return { documents, problems };
}

function firstLine(message: string): string {
  // The position is reported separately; drop the parser's own "at line N, column M:".
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').slice(0, 300);
}
