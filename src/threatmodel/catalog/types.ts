/**
 * Shapes of kstorm's bundled catalogues: techniques (ATT&CK Containers, Threat Matrix for Kubernetes) and
 * ready-made leaves (KubeHound edges, Stratus Red Team techniques, TMFK techniques) that a model can use by
 * reference (`from: kubehound/CE_NSENTER`, or just `technique: MS-TA9013`).
 */

/** One technique kstorm knows by id. */
export interface TechniqueInfo {
  /** `T1610`, `T1552.005`, `MS-TA9013`. */
  readonly id: string;
  readonly name: string;
  readonly source: 'attack' | 'tmfk';
  readonly tactics: readonly string[];
  readonly url?: string;
  /** The ATT&CK `attack-pattern` id (ATT&CK only). */
  readonly stixId?: string;
  /** For TMFK techniques: the ATT&CK ids the matrix cites. */
  readonly attack?: readonly string[];
}

/**
 * A witness in the authoring form of the YAML format (what a model file would say), so ready-made leaves
 * expand through the same checks as hand-written ones.
 */
export interface ReadyWitness {
  readonly pattern: string;
  /** As in the schema: `'tetragon'`, `{tetragon: {hook: …}}`, `{audit: {resources: […], level: …}}`, … */
  readonly sensor: unknown;
  readonly description?: string;
  readonly confidence?: number;
}

/** A leaf a model can use by reference; fields written in the model override these. */
export interface ReadyLeaf {
  /** `kubehound/CE_NSENTER`, `stratus/k8s.credential-access.dump-secrets`, `tmfk/MS-TA9013`. */
  readonly ref: string;
  /** Default leaf id when the model gives none (lower-case, hyphens: `ce-nsenter`). */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly techniques: readonly string[];
  readonly witnesses: readonly ReadyWitness[];
}
