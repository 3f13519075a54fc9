/**
 * What instrumentation generators return: plain Kubernetes (and Falco) documents to write as YAML, and
 * the problems found while generating or validating them. Generators are pure; the CLI writes files.
 */
import type { ErrorCode } from '../util/index.js';

/** One generated Kubernetes manifest (TracingPolicy, Policy, Deployment, …) as a plain object. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [key: string]: unknown;
}

/** One output file: a path relative to the output directory and the YAML documents it holds, in order. */
export interface GeneratedFile {
  /** Forward slashes, no `..`, e.g. `tetragon/kstorm-ce-nsenter.yaml`. */
  readonly path: string;
  readonly documents: readonly unknown[];
  /** Whether the file is a Kubernetes manifest kustomize should list under `resources`. */
  readonly kubernetes: boolean;
  /** A comment written at the top of the file (provenance, how to apply). */
  readonly header?: string;
}

/** A finding while generating or validating instrumentation. */
export interface InstrumentProblem {
  readonly code: ErrorCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The witness / leaf the problem comes from, when it has one. */
  readonly witness?: string;
  readonly leaf?: string;
  /** JSON-pointer-like path into the generated document, for validation failures. */
  readonly path?: string;
}

/** Values for `spec.parameters` supplied at generation time (CLI `--set name=value`). */
export type ParameterValues = Readonly<Record<string, string | readonly string[]>>;

/** The label every generated resource carries, and the one every bait resource carries. */
export const GENERATED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const GENERATED_BY_VALUE = 'kstorm';
export const MODEL_LABEL = 'kstorm.dev/threat-model';
export const BAIT_LABEL = 'kstorm.dev/bait';
