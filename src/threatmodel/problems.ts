/**
 * Problems found while loading, checking or linting a threat model: every one carries a stable code, the
 * file, line and column it is about, and a message that says what to change.
 */
import type { ErrorCode } from '../util/index.js';
import type { SourcePosition } from './types.js';

export interface ModelProblem {
  readonly code: ErrorCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Collects problems in the order they are found; sorted by position when read. */
export class ProblemList {
  readonly #problems: ModelProblem[] = [];

  error(code: ErrorCode, at: SourcePosition, message: string): void {
    this.#problems.push({ code, severity: 'error', message, ...at });
  }

  warning(code: ErrorCode, at: SourcePosition, message: string): void {
    this.#problems.push({ code, severity: 'warning', message, ...at });
  }

  add(problem: ModelProblem): void {
    this.#problems.push(problem);
  }

  get hasErrors(): boolean {
    return this.#problems.some((p) => p.severity === 'error');
  }

  /** Every problem once, by file, line and column. */
  sorted(): ModelProblem[] {
    const seen = new Set<string>();
    return this.#problems
      .filter((p) => {
        const key = `${p.file}\u0000${p.line}\u0000${p.column}\u0000${p.code}\u0000${p.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  }
}

/** `file:line:column: error CODE message`, the form editors and CI annotate. */
export function formatProblem(problem: ModelProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity} ${problem.code} ${problem.message}`;
}
