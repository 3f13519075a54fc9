/**
 * Hand-built threat models for the audit, Falco, Kubescape, bait and kustomize generator tests: small
 * builders with defaults, so each test states only what it is about.
 */
import type {
  AuditLevel,
  AuditSensor,
  Bait,
  BaitKind,
  Branch,
  FalcoSensor,
  KubescapeSensor,
  Leaf,
  Parameter,
  SourcePosition,
  ThreatModel,
  TreeNode,
  Witness,
  WitnessSensor,
} from '../threatmodel/index.js';

const HERE: SourcePosition = { file: 'test.yaml', line: 1, column: 1 };

/** An audit sensor; every list empty (= all) unless given. */
export function auditSensor(
  options: Partial<Omit<AuditSensor, 'kind'>> & { readonly level?: AuditLevel } = {},
): AuditSensor {
  return {
    kind: 'audit',
    resources: options.resources ?? [],
    verbs: options.verbs ?? [],
    namespaces: options.namespaces ?? [],
    level: options.level ?? 'Metadata',
  };
}

/** A Falco sensor for `rule`; syscall source and no tags unless given. */
export function falcoSensor(
  rule: string,
  options: Partial<Omit<FalcoSensor, 'kind' | 'rule'>> = {},
): FalcoSensor {
  return { kind: 'falco', rule, source: 'syscall', tags: [], ...options };
}

export function kubescapeSensor(rule: string): KubescapeSensor {
  return { kind: 'kubescape', rule };
}

/** A leaf with one witness per sensor; witness ids `<leaf id>/<index>`. */
export function leaf(
  id: string,
  sensors: readonly WitnessSensor[],
  options: {
    readonly name?: string;
    readonly description?: string;
    readonly techniques?: readonly string[];
    readonly bait?: string;
  } = {},
): Leaf {
  const witnesses: Witness[] = sensors.map((sensor, index) => ({
    id: `${id}/${index}`,
    pattern: "[process:name = 'sh']",
    sensor,
    position: HERE,
    patternPosition: HERE,
  }));
  return {
    type: 'leaf',
    id,
    name: options.name ?? `Leaf ${id}`,
    ...(options.description === undefined ? {} : { description: options.description }),
    techniques: options.techniques ?? ['T1610'],
    witnesses,
    ...(options.bait === undefined ? {} : { bait: options.bait }),
    position: HERE,
  };
}

/** A bait entry of `kind` with the given settings. */
export function bait(id: string, kind: BaitKind, settings: Readonly<Record<string, unknown>> = {}): Bait {
  return { id, kind, settings, position: HERE };
}

export interface ModelOptions {
  readonly name?: string;
  readonly baitNamespace?: string;
  readonly bait?: readonly Bait[];
  readonly parameters?: readonly Parameter[];
}

/** A model with one `or` branch over `children` (leaves or nested gates). */
export function threatModel(children: readonly TreeNode[], options: ModelOptions = {}): ThreatModel {
  const branch: Branch = {
    type: 'gate',
    id: 'main',
    name: 'Main branch',
    goal: 'Reach the goal',
    gate: 'or',
    techniques: [],
    children,
    position: HERE,
  };
  return {
    kind: 'ThreatModel',
    metadata: { name: options.name ?? 'test-model', labels: {} },
    baitNamespace: options.baitNamespace ?? 'kstorm-bait',
    parameters: options.parameters ?? [],
    techniques: [],
    bait: options.bait ?? [],
    branches: [branch],
    position: HERE,
  };
}

/** An `and` gate, to nest leaves below the branch. */
export function gate(id: string, children: readonly TreeNode[]): TreeNode {
  return { type: 'gate', id, name: `Gate ${id}`, gate: 'and', techniques: [], children, position: HERE };
}
