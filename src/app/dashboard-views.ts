/**
 * What the dashboard draws that is not a live figure: each branch laid out once (ELK, with a spare line
 * in every box for the live counts), and the ATT&CK-style coverage of the model's techniques — armed
 * (a witness exists and its sensor has sent the center something), witnessed (a witness matched) or
 * blind (nothing in the model would see it).
 */
import {
  layoutTree,
  leavesOf,
  SENSOR_SOURCE,
  type SensorKind,
  type ThreatModel,
  techniqueInfo,
  treeGraph,
} from '../threatmodel/index.js';

export interface BranchLayout {
  readonly branch: string;
  readonly goal: string;
  readonly direction: 'DOWN' | 'RIGHT';
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly {
    id: string;
    kind: 'gate' | 'leaf';
    gate?: string;
    goal?: string;
    name: string;
    techniques: readonly string[];
    sensors?: readonly string[];
    witnesses?: number;
    lines: readonly string[];
    x: number;
    y: number;
    width: number;
    height: number;
  }[];
  readonly edges: readonly {
    from: string;
    to: string;
    step?: number;
    points: readonly { x: number; y: number }[];
    label?: { x: number; y: number };
  }[];
}

export async function branchLayouts(model: ThreatModel): Promise<BranchLayout[]> {
  const out: BranchLayout[] = [];
  for (const branch of model.branches) {
    const layout = await layoutTree(treeGraph(model, { branch: branch.id }), {
      reserveLines: 1,
      reserveChars: 22,
    });
    out.push({
      branch: branch.id,
      goal: branch.goal,
      direction: layout.direction,
      width: Math.ceil(layout.width),
      height: Math.ceil(layout.height),
      nodes: layout.nodes.map(({ node, lines, x, y, width, height }) => ({
        id: node.id,
        kind: node.kind,
        ...(node.gate === undefined ? {} : { gate: node.gate }),
        ...(node.goal === undefined ? {} : { goal: node.goal }),
        name: node.name,
        techniques: node.techniques,
        ...(node.sensors === undefined ? {} : { sensors: node.sensors }),
        ...(node.witnesses === undefined ? {} : { witnesses: node.witnesses }),
        lines,
        x,
        y,
        width,
        height,
      })),
      edges: layout.edges.map(({ edge, points, label }) => ({
        from: edge.from,
        to: edge.to,
        ...(edge.step === undefined ? {} : { step: edge.step }),
        points,
        ...(label === undefined ? {} : { label }),
      })),
    });
  }
  return out;
}

export type CoverageStatus = 'witnessed' | 'armed' | 'blind';

export interface TechniqueCoverage {
  readonly id: string;
  readonly name: string;
  readonly tactics: readonly string[];
  readonly status: CoverageStatus;
  /** Witness hits on the technique's leaves (the heat). */
  readonly sightings: number;
  readonly leaves: readonly {
    id: string;
    branch: string;
    status: CoverageStatus;
    sensors: readonly string[];
  }[];
}

/**
 * `sightingsByLeaf`: hits per leaf; `sourcesSeen`: sensor sources that have sent observations. A leaf is
 * blind without witnesses, armed when every sensor its witnesses need has reported, witnessed once hit.
 */
export function coverage(
  model: ThreatModel,
  sightingsByLeaf: ReadonlyMap<string, number>,
  sourcesSeen: ReadonlySet<string>,
): TechniqueCoverage[] {
  const byTechnique = new Map<string, { leaves: TechniqueCoverage['leaves'][number][]; sightings: number }>();
  for (const { branch, leaf } of leavesOf(model)) {
    const sensors = [...new Set(leaf.witnesses.map((w) => w.sensor.kind))];
    const hits = sightingsByLeaf.get(leaf.id) ?? 0;
    const armed =
      sensors.length > 0 &&
      sensors.every((kind) => sourcesSeen.has(SENSOR_SOURCE[kind as SensorKind] ?? kind));
    const status: CoverageStatus = hits > 0 ? 'witnessed' : armed ? 'armed' : 'blind';
    for (const technique of leaf.techniques) {
      const entry = byTechnique.get(technique) ?? { leaves: [], sightings: 0 };
      entry.leaves.push({ id: leaf.id, branch: branch.id, status, sensors });
      entry.sightings += hits;
      byTechnique.set(technique, entry);
    }
  }
  const rank: Record<CoverageStatus, number> = { blind: 0, armed: 1, witnessed: 2 };
  return [...byTechnique.entries()]
    .map(([id, { leaves, sightings }]) => {
      const info = techniqueInfo(id);
      const status = leaves.reduce<CoverageStatus>(
        (best, l) => (rank[l.status] > rank[best] ? l.status : best),
        'blind',
      );
      return { id, name: info?.name ?? id, tactics: info?.tactics ?? ['unknown'], status, sightings, leaves };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}
