/**
 * Builds the loaded ThreatModel from a schema-valid document: expands ready-made leaves, resolves
 * sensors, and checks what the schema cannot (patterns, technique ids, ids unique, gates not empty, bait
 * that exists), reporting each problem where it was written.
 */
import { validatePattern } from '../pattern/index.js';
import type { ReadyLeaf, TechniqueInfo } from './catalog/types.js';
import { patternAstFacts } from './pattern-facts.js';
import type { ProblemList } from './problems.js';
import { resolveSensor, sensorMismatch } from './resolve-sensor.js';
import type {
  Bait,
  BaitKind,
  Branch,
  DeclaredTechnique,
  Gate,
  GateNode,
  Leaf,
  ModelMetadata,
  Parameter,
  Priors,
  SensorKind,
  ThreatModel,
  TreeNode,
  Witness,
} from './types.js';
import { SENSOR_KINDS } from './types.js';
import type { PathKey, SourceDocument } from './yaml-source.js';

/** Where ready-made leaves and technique names come from (the bundled catalogue by default). */
export interface Catalogue {
  readyLeaf(ref: string): ReadyLeaf | undefined;
  techniqueInfo(id: string): TechniqueInfo | undefined;
}

type Raw = Record<string, unknown>;

export const DEFAULT_BAIT_NAMESPACE = 'kstorm-bait';

class ModelBuilder {
  readonly #ids = new Map<string, string>();
  readonly #declared: Map<string, DeclaredTechnique>;
  readonly #baitIds: Set<string>;

  constructor(
    readonly doc: SourceDocument,
    readonly problems: ProblemList,
    readonly catalogue: Catalogue,
    declared: readonly DeclaredTechnique[],
    baitIds: ReadonlySet<string>,
  ) {
    this.#declared = new Map(declared.map((t) => [t.id, t]));
    this.#baitIds = new Set(baitIds);
  }

  /** Registers an id; a second use is a duplicate (ids are unique across the whole model). */
  claim(id: string, what: string, path: readonly PathKey[]): boolean {
    const earlier = this.#ids.get(id);
    const at = this.doc.position(path);
    if (earlier) {
      this.problems.error(
        'KSTORM_MODEL_DUPLICATE_ID',
        at,
        `${what} id ${JSON.stringify(id)} is already used by ${earlier}`,
      );
      return false;
    }
    this.#ids.set(id, `${what} at line ${at.line}`);
    return true;
  }

  techniques(ids: readonly string[], path: readonly PathKey[]): string[] {
    ids.forEach((id, i) => {
      if (this.catalogue.techniqueInfo(id) || this.#declared.has(id)) return;
      this.problems.error(
        'KSTORM_MODEL_UNKNOWN_TECHNIQUE',
        this.doc.position([...path, i]),
        `technique ${id} is not in the bundled ATT&CK Containers or Threat Matrix for Kubernetes data; declare it under spec.techniques`,
      );
    });
    return [...ids];
  }

  techniqueName(id: string): string | undefined {
    return this.catalogue.techniqueInfo(id)?.name ?? this.#declared.get(id)?.name;
  }

  node(raw: Raw, path: PathKey[]): TreeNode {
    return 'gate' in raw || 'children' in raw ? this.gate(raw, path) : this.leaf(raw, path);
  }

  gate(raw: Raw, path: PathKey[]): GateNode {
    const id = String(raw['id']);
    this.claim(id, 'node', [...path, 'id']);
    const children = ((raw['children'] as Raw[] | undefined) ?? []).map((child, i) =>
      this.node(child, [...path, 'children', i]),
    );
    if (children.length === 0) {
      this.problems.error(
        'KSTORM_MODEL_GATE',
        this.doc.position(path),
        `gate ${JSON.stringify(id)} has no children`,
      );
    }
    return {
      type: 'gate',
      id,
      name:
        typeof raw['name'] === 'string' ? raw['name'] : typeof raw['goal'] === 'string' ? raw['goal'] : id,
      ...optional(raw, ['description']),
      gate: raw['gate'] as Gate,
      techniques: this.techniques((raw['techniques'] as string[] | undefined) ?? [], [...path, 'techniques']),
      children,
      ...priors(raw),
      position: this.doc.position(path),
    };
  }

  leaf(raw: Raw, path: PathKey[]): Leaf {
    const written =
      (raw['techniques'] as string[] | undefined) ?? (raw['technique'] ? [String(raw['technique'])] : []);
    const ready = this.readyFor(raw, written, path);
    const id = typeof raw['id'] === 'string' ? raw['id'] : ready?.id;
    const position = this.doc.position(path);
    let unique = false;
    if (id === undefined) {
      this.problems.error(
        'KSTORM_MODEL_REFERENCE',
        position,
        `no ready-made leaf for ${written.join(', ')}: give the leaf an id and witnesses`,
      );
    } else unique = this.claim(id, 'node', typeof raw['id'] === 'string' ? [...path, 'id'] : path);
    const leafId = id ?? `line-${position.line}`;
    const techniques =
      written.length > 0
        ? this.techniques(written, raw['techniques'] ? [...path, 'techniques'] : [...path, 'technique'])
        : this.techniques(ready?.techniques ?? [], [...path, 'from']);
    const rawWitnesses = raw['witnesses'] as Raw[] | undefined;
    const witnesses = rawWitnesses
      ? rawWitnesses.map((w, i) => this.witness(leafId, w, i, [...path, 'witnesses', i], unique))
      : (ready?.witnesses ?? []).map((w, i) =>
          this.witness(leafId, w as unknown as Raw, i, [...path, 'from'], unique, true),
        );
    const bait = typeof raw['bait'] === 'string' ? raw['bait'] : undefined;
    if (bait !== undefined && !this.#baitIds.has(bait)) {
      this.problems.error(
        'KSTORM_MODEL_REFERENCE',
        this.doc.position([...path, 'bait']),
        `no bait with id ${JSON.stringify(bait)} in spec.bait`,
      );
    }
    const name =
      (typeof raw['name'] === 'string' ? raw['name'] : undefined) ??
      ready?.name ??
      (techniques[0] ? this.techniqueName(techniques[0]) : undefined) ??
      leafId;
    const description = typeof raw['description'] === 'string' ? raw['description'] : ready?.description;
    return {
      type: 'leaf',
      id: leafId,
      name,
      ...(description !== undefined ? { description } : {}),
      techniques,
      witnesses,
      ...(bait !== undefined ? { bait } : {}),
      ...priors(raw),
      ...(ready ? { from: ready.ref } : {}),
      position,
    };
  }

  /** The ready-made leaf a leaf expands: its `from`, or, written as just `technique:`, the one for that id. */
  readyFor(raw: Raw, techniques: readonly string[], path: PathKey[]): ReadyLeaf | undefined {
    if (typeof raw['from'] === 'string') {
      const ready = this.catalogue.readyLeaf(raw['from']);
      if (!ready) {
        this.problems.error(
          'KSTORM_MODEL_REFERENCE',
          this.doc.position([...path, 'from']),
          `no ready-made leaf ${JSON.stringify(raw['from'])} (kstorm model catalogue lists them)`,
        );
      }
      return ready;
    }
    // Only the singular `technique:` asks for expansion; `techniques: [...]` is a leaf the author writes out.
    if (raw['witnesses'] !== undefined || raw['techniques'] !== undefined || techniques.length !== 1)
      return undefined;
    const id = techniques[0] as string;
    return this.catalogue.readyLeaf(id.startsWith('MS-') ? `tmfk/${id}` : `attack/${id}`);
  }

  witness(
    leafId: string,
    raw: Raw,
    index: number,
    path: PathKey[],
    leafUnique: boolean,
    fromCatalogue = false,
  ): Witness {
    const named = typeof raw['id'] === 'string';
    const id = named ? (raw['id'] as string) : `${leafId}/${index + 1}`;
    // A derived id repeats only because its leaf id does, which is reported already.
    if (named || leafUnique)
      this.claim(id, 'witness', fromCatalogue ? path : [...path, named ? 'id' : 'pattern']);
    const pattern = String(raw['pattern'] ?? '');
    const patternPath = fromCatalogue ? path : [...path, 'pattern'];
    const position = this.doc.position(path);
    const patternPosition = this.doc.position(patternPath);
    const { ast, diagnostics } = validatePattern(pattern);
    for (const d of diagnostics) {
      const at = fromCatalogue
        ? position
        : this.doc.positionInString(patternPath, d.offset, d.line, d.column);
      const message = `witness ${id}: ${d.message.replace(/^(line \d+ )?column \d+: /, '')}`;
      if (d.severity === 'error') this.problems.error('KSTORM_MODEL_PATTERN', at, message);
      else this.problems.warning('KSTORM_MODEL_PATTERN', at, message);
    }
    const parsed = ast !== undefined && !diagnostics.some((d) => d.severity === 'error');
    const facts = parsed ? patternAstFacts(ast) : [];
    const sensorAt = fromCatalogue ? position : this.doc.position([...path, 'sensor']);
    const resolved = resolveSensor(raw['sensor'], facts);
    let sensor: Witness['sensor'] = { kind: 'kubescape', rule: 'R0000' };
    const kind = sensorKindOf(raw['sensor']);
    const early = kind && !('sensor' in resolved) ? sensorMismatch({ kind }, facts) : undefined;
    if (early) {
      // Reading objects the sensor never produces explains more than what the sensor lacks.
      this.problems.error('KSTORM_MODEL_SENSOR', sensorAt, `witness ${id}: ${early}`);
    } else if ('problem' in resolved) {
      // What a broken pattern implies about its sensor is noise next to the pattern error itself.
      if (parsed) this.problems.error('KSTORM_MODEL_SENSOR', sensorAt, `witness ${id}: ${resolved.problem}`);
    } else {
      sensor = resolved.sensor;
      const mismatch = sensorMismatch(sensor, facts);
      if (mismatch) this.problems.error('KSTORM_MODEL_SENSOR', sensorAt, `witness ${id}: ${mismatch}`);
    }
    return {
      id,
      pattern,
      sensor,
      ...optional(raw, ['description', 'confidence']),
      position,
      patternPosition,
    };
  }
}

function sensorKindOf(written: unknown): SensorKind | undefined {
  const name =
    typeof written === 'string'
      ? written
      : written && typeof written === 'object'
        ? Object.keys(written)[0]
        : undefined;
  return SENSOR_KINDS.find((k) => k === name);
}

function optional(raw: Raw, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (raw[key] !== undefined) out[key] = raw[key];
  return out;
}

function priors(raw: Raw): { priors?: Priors } {
  return raw['priors'] ? { priors: raw['priors'] as Priors } : {};
}

/** Builds a ThreatModel from a document that passed the schema. */
export function buildThreatModel(
  doc: SourceDocument,
  problems: ProblemList,
  catalogue: Catalogue,
): ThreatModel {
  const root = doc.value as Raw;
  const spec = root['spec'] as Raw;
  const metadata = root['metadata'] as Raw;
  const declared = ((spec['techniques'] as Raw[] | undefined) ?? []).map(
    (t) => ({ id: String(t['id']), name: String(t['name']), ...optional(t, ['url']) }) as DeclaredTechnique,
  );
  const rawBait = (spec['bait'] as Raw[] | undefined) ?? [];
  const builder = new ModelBuilder(
    doc,
    problems,
    catalogue,
    declared,
    new Set(rawBait.map((b) => String(b['id']))),
  );
  const bait: Bait[] = rawBait.map((b, i) => {
    builder.claim(String(b['id']), 'bait', ['spec', 'bait', i, 'id']);
    const { id, kind, description, ...settings } = b;
    return {
      id: String(id),
      kind: kind as BaitKind,
      ...(typeof description === 'string' ? { description } : {}),
      settings,
      position: doc.position(['spec', 'bait', i]),
    };
  });
  const branches = ((spec['branches'] as Raw[] | undefined) ?? []).map((raw, i) => {
    const node = builder.gate(raw, ['spec', 'branches', i]);
    return { ...node, goal: String(raw['goal']) } satisfies Branch;
  });
  return {
    kind: 'ThreatModel',
    metadata: modelMetadata(metadata),
    baitNamespace: typeof spec['baitNamespace'] === 'string' ? spec['baitNamespace'] : DEFAULT_BAIT_NAMESPACE,
    parameters: ((spec['parameters'] as Raw[] | undefined) ?? []).map(
      (p) => ({ name: String(p['name']), ...optional(p, ['description', 'default']) }) as Parameter,
    ),
    techniques: declared,
    bait,
    branches,
    position: doc.start,
  };
}

export function modelMetadata(raw: Raw): ModelMetadata {
  return {
    name: String(raw['name']),
    ...optional(raw, ['title', 'description', 'version', 'created', 'modified']),
    labels: (raw['labels'] as Record<string, string> | undefined) ?? {},
  } as ModelMetadata;
}
