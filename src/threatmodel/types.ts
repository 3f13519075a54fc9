/**
 * The threat model as loaded: attack trees (branches of gates down to leaves), the witnesses that
 * recognise each leaf in observed data, the sensors those witnesses rely on, and the bait that opens a
 * branch. These are the resolved, checked shapes: `from:` templates are expanded, defaults applied.
 * The YAML format is documented in docs/threatmodels.md; its JSON Schema is schema/threatmodel.schema.json.
 */

export const THREAT_MODEL_API_VERSION = 'kstorm.dev/v1alpha1';

/** Where something was written: file, 1-based line and column (UTF-16 code units). */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** `or`: any child; `and`: every child, in any order; `sand`: every child, in the order written. */
export type Gate = 'or' | 'and' | 'sand';
export const GATES: readonly Gate[] = ['or', 'and', 'sand'];

/** Prior estimates for quantification: how likely an attacker takes the step, and what it costs them. */
export interface Priors {
  /** 0..1, the chance an attacker who reached the parent takes this step. */
  readonly probability?: number;
  /** Attacker cost in arbitrary units (ADTool-style); 0 or more. */
  readonly cost?: number;
}

/** A Tetragon hook the witness relies on (a generated TracingPolicy provides it). */
export interface TetragonSensor {
  readonly kind: 'tetragon';
  /**
   * Kernel function (kprobe), `subsystem/event` (tracepoint), LSM hook name, or — for hookType `event` —
   * an event kind Tetragon emits without any policy (`process_exec`, `process_exit`).
   */
  readonly hook: string;
  readonly hookType: 'kprobe' | 'tracepoint' | 'lsm' | 'event';
  /** Whether the kprobe hook is a syscall (Tetragon's `syscall: true`); undefined = from the hook catalogue. */
  readonly syscall?: boolean;
  /** Argument types, when the hook is not in kstorm's hook catalogue (or to override it). */
  readonly args?: readonly TetragonArg[];
  readonly returnArg?: TetragonArg;
  /** Extra selector values the author asks for, merged with those derived from the witness pattern. */
  readonly paths?: readonly string[];
  readonly pathPrefixes?: readonly string[];
  readonly binaries?: readonly string[];
  readonly ports?: readonly number[];
  /** Names of model parameters holding CIDRs (e.g. the cluster's pod CIDR), never literal CIDRs. */
  readonly addressParameters?: readonly string[];
}

export interface TetragonArg {
  readonly index: number;
  readonly type: string;
  readonly label?: string;
}

/** Audit levels in increasing detail (audit.k8s.io/v1). */
export type AuditLevel = 'Metadata' | 'Request' | 'RequestResponse';
export const AUDIT_LEVELS: readonly AuditLevel[] = ['Metadata', 'Request', 'RequestResponse'];

/** The Kubernetes audit log rules a witness relies on. */
export interface AuditSensor {
  readonly kind: 'audit';
  /** API group ('' = core) → resources (optionally `resource/subresource`). Empty = every resource. */
  readonly resources: readonly { readonly group: string; readonly resources: readonly string[] }[];
  /** Empty = every verb. */
  readonly verbs: readonly string[];
  /** Empty = every namespace (and cluster-scoped objects). */
  readonly namespaces: readonly string[];
  /** The level the rule logs at: at least what the pattern reads (request bodies need RequestResponse). */
  readonly level: AuditLevel;
}

/** A Falco rule the witness relies on: a stock rule by name, or one kstorm generates from `condition`. */
export interface FalcoSensor {
  readonly kind: 'falco';
  readonly rule: string;
  /** When present kstorm writes the rule; when absent the rule must be one Falco ships. */
  readonly condition?: string;
  readonly output?: string;
  readonly priority?: string;
  /** Falco event source: `syscall` (default) or `k8s_audit`. */
  readonly source: 'syscall' | 'k8s_audit';
  readonly tags: readonly string[];
}

/** A Kubescape node-agent runtime rule the witness relies on (bound by a generated rule binding). */
export interface KubescapeSensor {
  readonly kind: 'kubescape';
  /** Rule id such as `R0002`. */
  readonly rule: string;
}

export type WitnessSensor = TetragonSensor | AuditSensor | FalcoSensor | KubescapeSensor;
export type SensorKind = WitnessSensor['kind'];
export const SENSOR_KINDS: readonly SensorKind[] = ['tetragon', 'audit', 'falco', 'kubescape'];

/** A STIX pattern that recognises the leaf in observed data, and the sensor that must be armed for it. */
export interface Witness {
  /** `<leaf id>/<index>` unless named; unique in the model. */
  readonly id: string;
  readonly pattern: string;
  readonly sensor: WitnessSensor;
  readonly description?: string;
  /** 0..100 (STIX confidence scale). */
  readonly confidence?: number;
  readonly position: SourcePosition;
  /** Where the pattern text starts, so pattern diagnostics point into the file. */
  readonly patternPosition: SourcePosition;
}

/** One attacker action. */
export interface Leaf {
  readonly type: 'leaf';
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** ATT&CK (`T1610`, `T1552.005`) and Threat Matrix for Kubernetes (`MS-TA9013`) ids. */
  readonly techniques: readonly string[];
  readonly witnesses: readonly Witness[];
  /** Id of a bait entry that opens this step. */
  readonly bait?: string;
  readonly priors?: Priors;
  /** The ready-made leaf this one was expanded from (`kubehound/CE_NSENTER`, `stratus/…`, `tmfk/…`). */
  readonly from?: string;
  readonly position: SourcePosition;
}

/** A gate over children. */
export interface GateNode {
  readonly type: 'gate';
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly gate: Gate;
  readonly techniques: readonly string[];
  readonly children: readonly TreeNode[];
  readonly priors?: Priors;
  readonly position: SourcePosition;
}

export type TreeNode = Leaf | GateNode;

/** One attack tree: a goal (the root gate) and everything under it. */
export interface Branch extends GateNode {
  readonly goal: string;
}

/** A deliberate initial access, generated as manifests in the bait namespace. */
export interface Bait {
  readonly id: string;
  readonly kind: BaitKind;
  readonly description?: string;
  /** Kind-specific settings (see docs/threatmodels.md); validated by the schema. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly position: SourcePosition;
}

export type BaitKind = 'weak-ssh' | 'decoy-credentials' | 'leaked-token' | 'overprivileged-service-account';
export const BAIT_KINDS: readonly BaitKind[] = [
  'weak-ssh',
  'decoy-credentials',
  'leaked-token',
  'overprivileged-service-account',
];

/** A technique the model uses that is not in the bundled ATT&CK Containers / TMFK catalogue. */
export interface DeclaredTechnique {
  readonly id: string;
  readonly name: string;
  readonly url?: string;
}

/** A value generated instrumentation refers to instead of hard-coding it (e.g. the pod CIDR). */
export interface Parameter {
  readonly name: string;
  readonly description?: string;
  /** Default value, if any; instrumentation writes a placeholder `${name}` otherwise. */
  readonly default?: string | readonly string[];
}

export interface ModelMetadata {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly version?: string;
  /** RFC 3339; the STIX `created`/`modified` of the compiled objects when set. */
  readonly created?: string;
  readonly modified?: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** The loaded `ThreatModel` document. */
export interface ThreatModel {
  readonly kind: 'ThreatModel';
  readonly metadata: ModelMetadata;
  readonly baitNamespace: string;
  readonly parameters: readonly Parameter[];
  readonly techniques: readonly DeclaredTechnique[];
  readonly bait: readonly Bait[];
  readonly branches: readonly Branch[];
  readonly position: SourcePosition;
}

/** One step of an attack model: a leaf of the branch, optionally with what the synthetic attack runs. */
export interface AttackStep {
  readonly leaf: string;
  readonly description?: string;
  readonly position: SourcePosition;
}

/** The loaded `AttackModel` document: a concrete path through one branch of a threat model. */
export interface AttackModel {
  readonly kind: 'AttackModel';
  readonly metadata: ModelMetadata;
  /** metadata.name of the ThreatModel. */
  readonly threatModel: string;
  readonly branch: string;
  readonly steps: readonly AttackStep[];
  readonly position: SourcePosition;
}
