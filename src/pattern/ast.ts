/**
 * The typed syntax tree of a STIX pattern: readonly discriminated unions that the parser builds, the
 * checker inspects, the printer writes back and the (later) matcher compiles.
 */

/** Where a node came from in the pattern text: UTF-16 offset and length. */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

/** Integer literal; a bigint because the grammar puts no bound on the digits. */
export interface IntLiteral {
  readonly kind: 'int';
  readonly value: bigint;
  readonly span: Span;
}

/** Floating-point literal (always written with a decimal point). */
export interface FloatLiteral {
  readonly kind: 'float';
  readonly value: number;
  readonly span: Span;
}

/** String literal, with `\'` and `\\` escapes already resolved. */
export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
  readonly span: Span;
}

/** Boolean literal `true` / `false`. */
export interface BoolLiteral {
  readonly kind: 'bool';
  readonly value: boolean;
  readonly span: Span;
}

/** `b'…'`: base64 text as written; the checker verifies it decodes. */
export interface BinaryLiteral {
  readonly kind: 'binary';
  readonly value: string;
  readonly span: Span;
}

/** `h'…'`: hex digits as written; the checker verifies pairs of hex digits. */
export interface HexLiteral {
  readonly kind: 'hex';
  readonly value: string;
  readonly span: Span;
}

/** `t'…'`: timestamp text as written; the checker verifies it with `Timestamp.parse`. */
export interface TimestampLiteral {
  readonly kind: 'timestamp';
  readonly value: string;
  readonly span: Span;
}

/** Any single literal value. */
export type Literal =
  | IntLiteral
  | FloatLiteral
  | StringLiteral
  | BoolLiteral
  | BinaryLiteral
  | HexLiteral
  | TimestampLiteral;

/** `(a, b, …)`, possibly empty, right of IN. */
export interface SetLiteral {
  readonly kind: 'set';
  readonly elements: readonly Literal[];
  readonly span: Span;
}

/** `.name` or `.'quoted name'` (quoting is lexical only, so it is not kept). */
export interface KeyStep {
  readonly kind: 'key';
  readonly name: string;
  readonly span: Span;
}

/** `[3]`, `[-1]` or `[*]`. */
export interface IndexStep {
  readonly kind: 'index';
  readonly index: bigint | '*';
  readonly span: Span;
}

/** One step of an object path after the object type. */
export type PathStep = KeyStep | IndexStep;

/** `type:first.second[*].third`; `steps[0]` is always the first property key. */
export interface ObjectPath {
  readonly kind: 'path';
  readonly objectType: string;
  readonly steps: readonly [KeyStep, ...PathStep[]];
  readonly span: Span;
}

/** Comparison operators; `==` and `<>` are normalised to `=` and `!=`. */
export type ComparisonOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'IN'
  | 'LIKE'
  | 'MATCHES'
  | 'ISSUBSET'
  | 'ISSUPERSET';

/** `path [NOT] op value`. IN always has a set; LIKE, MATCHES, ISSUBSET and ISSUPERSET a string. */
export interface Comparison {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  readonly negated: boolean;
  readonly operator: ComparisonOperator;
  readonly value: Literal | SetLiteral;
  readonly span: Span;
}

/** `[NOT] EXISTS path` (STIX 2.1 only). */
export interface Exists {
  readonly kind: 'exists';
  readonly path: ObjectPath;
  readonly negated: boolean;
  readonly span: Span;
}

/** AND / OR of comparison expressions inside one `[ … ]`. */
export interface ComparisonBinary {
  readonly kind: 'comparisonBinary';
  readonly operator: 'AND' | 'OR';
  readonly left: ComparisonExpression;
  readonly right: ComparisonExpression;
  readonly span: Span;
}

/** What sits inside the brackets of an observation expression. */
export type ComparisonExpression = Comparison | Exists | ComparisonBinary;

/** `WITHIN n SECONDS`; the parser also keeps non-positive numbers so the checker can name them. */
export interface WithinQualifier {
  readonly kind: 'within';
  readonly seconds: IntLiteral | FloatLiteral;
  readonly span: Span;
}

/** `REPEATS n TIMES`. */
export interface RepeatsQualifier {
  readonly kind: 'repeats';
  readonly times: IntLiteral;
  readonly span: Span;
}

/** `START t'…' STOP t'…'` (2.1), or with plain string literals (2.0). */
export interface StartStopQualifier {
  readonly kind: 'startStop';
  readonly start: TimestampLiteral | StringLiteral;
  readonly stop: TimestampLiteral | StringLiteral;
  readonly span: Span;
}

/** Any observation expression qualifier. */
export type Qualifier = WithinQualifier | RepeatsQualifier | StartStopQualifier;

/** `[ comparison expression ]`. */
export interface Observation {
  readonly kind: 'observation';
  readonly comparison: ComparisonExpression;
  readonly span: Span;
}

/** AND / OR / FOLLOWEDBY of observation expressions. */
export interface ObservationBinary {
  readonly kind: 'observationBinary';
  readonly operator: 'AND' | 'OR' | 'FOLLOWEDBY';
  readonly left: ObservationExpression;
  readonly right: ObservationExpression;
  readonly span: Span;
}

/**
 * An expression with the qualifiers written directly after it, in order. A parenthesised qualified
 * expression that is qualified again nests, so `([a] WITHIN 1 SECONDS) WITHIN 2 SECONDS` stays distinct
 * from the (invalid) `[a] WITHIN 1 SECONDS WITHIN 2 SECONDS`.
 */
export interface Qualified {
  readonly kind: 'qualified';
  readonly expression: ObservationExpression;
  readonly qualifiers: readonly [Qualifier, ...Qualifier[]];
  readonly span: Span;
}

/** Any observation expression. */
export type ObservationExpression = Observation | ObservationBinary | Qualified;

/** A whole pattern. */
export interface Pattern {
  readonly kind: 'pattern';
  readonly expression: ObservationExpression;
  readonly span: Span;
}

/** Any node of the tree. */
export type PatternNode =
  | Pattern
  | ObservationExpression
  | Qualifier
  | ComparisonExpression
  | ObjectPath
  | PathStep
  | SetLiteral
  | Literal;
