/**
 * Compiles a threat model to STIX 2.1: the model as a `grouping`, every branch, gate and leaf as an
 * `attack-pattern` (ATT&CK / TMFK `external_references`, tactics as kill-chain phases), every witness as
 * an `indicator` (pattern_type stix) that `indicates` its leaf, and the tree as `child-of` relationships
 * from each node to its parent. Where a node sits (gate, sibling order, priors, sensor) travels in the
 * declared `kstorm-attack-tree` property-extension. Ids are UUIDv5 of the model and node ids, so
 * recompiling an unchanged model yields the same objects.
 */

import type {
  AttackPattern,
  ExternalReference,
  Grouping,
  Identifier,
  Indicator,
  KillChainPhase,
  Relationship,
  StixObject,
} from '../stix/index.js';
import { KSTORM_ATTACK_TREE, KSTORM_IDENTITY, namedIdentifier, Timestamp } from '../stix/index.js';
import type { Catalogue } from './build-model.js';
import type { Branch, Leaf, ThreatModel, TreeNode, Witness, WitnessSensor } from './types.js';

export interface CompileStixOptions {
  /** `created`/`modified` when the model's metadata gives none (RFC 3339 UTC). */
  readonly now: string;
  readonly catalogue: Catalogue;
}

/** The relationship from a node to its parent gate (custom type; STIX has no tree vocabulary). */
export const CHILD_OF = 'child-of';
const EXTENSION_ID = KSTORM_ATTACK_TREE.definition.id;

const TMFK_SOURCE = 'microsoft-threat-matrix-kubernetes';

/** Every object of the compiled model, in a stable order: definitions first, then the tree top-down. */
export function compileToStix(model: ThreatModel, options: CompileStixOptions): StixObject[] {
  // STIX timestamps need at least millisecond precision; the model may write whole seconds.
  const created = stixTime(model.metadata.created ?? model.metadata.modified ?? options.now);
  const modified = stixTime(model.metadata.modified ?? created);
  const name = model.metadata.name;
  const common = { spec_version: '2.1' as const, created, modified, created_by_ref: KSTORM_IDENTITY.id };
  const extension = (content: Record<string, unknown>) => ({
    extensions: { [EXTENSION_ID]: { extension_type: 'property-extension', model: name, ...content } },
  });
  const techniqueRefs = (
    ids: readonly string[],
  ): { external_references?: ExternalReference[]; kill_chain_phases?: KillChainPhase[] } => {
    const refs: ExternalReference[] = [];
    const phases = new Map<string, KillChainPhase>();
    for (const id of ids) {
      const info = options.catalogue.techniqueInfo(id) ?? model.techniques.find((t) => t.id === id);
      const tmfk = id.startsWith('MS-');
      refs.push({
        source_name: tmfk ? TMFK_SOURCE : 'mitre-attack',
        external_id: id,
        ...(info?.url ? { url: info.url } : {}),
        ...(info?.name ? { description: info.name } : {}),
      });
      const tactics = options.catalogue.techniqueInfo(id)?.tactics ?? [];
      for (const tactic of tactics) {
        const phase = { kill_chain_name: tmfk ? TMFK_SOURCE : 'mitre-attack', phase_name: slug(tactic) };
        phases.set(`${phase.kill_chain_name}/${phase.phase_name}`, phase);
      }
    }
    return {
      ...(refs.length > 0 ? { external_references: refs } : {}),
      ...(phases.size > 0 ? { kill_chain_phases: [...phases.values()] } : {}),
    };
  };

  const objects: StixObject[] = [];
  const patternId = (node: TreeNode) =>
    namedIdentifier('attack-pattern', `threat-model/${name}/node/${node.id}`);
  const relate = (
    type: string,
    source: Identifier,
    target: Identifier,
    content: Record<string, unknown> = {},
  ): Relationship => ({
    type: 'relationship',
    ...common,
    id: namedIdentifier('relationship', `threat-model/${name}/${type}/${source}/${target}`),
    relationship_type: type,
    source_ref: source,
    target_ref: target,
    ...(Object.keys(content).length > 0 ? extension(content) : {}),
  });

  const visit = (node: TreeNode, parent: Identifier | undefined, order: number, branch?: Branch): void => {
    const id = patternId(node);
    const attackPattern: AttackPattern = {
      type: 'attack-pattern',
      ...common,
      id,
      name: branch ? branch.goal : node.name,
      ...(node.description ? { description: node.description } : {}),
      ...techniqueRefs(node.techniques),
      ...extension({
        node_id: node.id,
        node_type: branch ? 'branch' : node.type,
        ...(node.type === 'gate' ? { gate: node.gate } : {}),
        ...(branch ? { goal: branch.goal } : {}),
        ...(node.priors?.probability !== undefined ? { probability: node.priors.probability } : {}),
        ...(node.priors?.cost !== undefined ? { cost: node.priors.cost } : {}),
        ...(node.type === 'leaf' && node.bait ? { bait: node.bait } : {}),
      }),
    };
    objects.push(attackPattern);
    if (parent) objects.push(relate(CHILD_OF, id, parent, { order }));
    if (node.type === 'leaf')
      for (const witness of node.witnesses) objects.push(...indicatorFor(node, witness, id));
    else
      node.children.forEach((child, i) => {
        visit(child, id, i);
      });
  };

  const indicatorFor = (leaf: Leaf, witness: Witness, leafId: Identifier): StixObject[] => {
    const { kill_chain_phases } = techniqueRefs(leaf.techniques);
    const indicator: Indicator = {
      type: 'indicator',
      ...common,
      id: namedIdentifier('indicator', `threat-model/${name}/witness/${witness.id}`),
      name: `${leaf.name} (${witness.id})`,
      ...(witness.description ? { description: witness.description } : {}),
      indicator_types: ['malicious-activity'],
      pattern: witness.pattern,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: created,
      ...(kill_chain_phases ? { kill_chain_phases } : {}),
      ...(witness.confidence !== undefined ? { confidence: witness.confidence } : {}),
      ...extension({
        node_id: leaf.id,
        witness_id: witness.id,
        sensor: witness.sensor.kind,
        sensor_detail: sensorDetail(witness.sensor),
      }),
    };
    return [indicator, relate('indicates', indicator.id, leafId)];
  };

  for (const branch of model.branches) visit(branch, undefined, 0, branch);
  const grouping: Grouping = {
    type: 'grouping',
    ...common,
    id: namedIdentifier('grouping', `threat-model/${name}`),
    name: model.metadata.title ?? name,
    ...(model.metadata.description ? { description: model.metadata.description } : {}),
    context: 'unspecified',
    object_refs: objects.map((o) => o.id as Identifier),
    ...extension({}),
  };
  return [KSTORM_IDENTITY, KSTORM_ATTACK_TREE.definition, grouping, ...objects];
}

/** One line naming what the sensor watches (for people reading the indicator). */
export function sensorDetail(sensor: WitnessSensor): string {
  switch (sensor.kind) {
    case 'tetragon':
      return `${sensor.hookType} ${sensor.hook}`;
    case 'audit':
      return `${sensor.level} ${sensor.verbs.join('/') || '*'} ${sensor.resources.flatMap((r) => r.resources.map((x) => (r.group ? `${r.group}/${x}` : x))).join(', ') || '*'}`;
    case 'falco':
      return `${sensor.source} rule ${sensor.rule}`;
    case 'kubescape':
      return `rule ${sensor.rule}`;
  }
}

function stixTime(text: string): string {
  return Timestamp.parse(text).format('milli');
}

function slug(tactic: string): string {
  return tactic
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
