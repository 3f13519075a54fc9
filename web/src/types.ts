/** The shapes the storm center's API serves (docs/storm-center.md); times are RFC 3339 strings. */
export interface Storm {
  level: 'green' | 'yellow' | 'orange' | 'red';
  reason: string;
}

export interface Overview {
  model: string;
  now: string | null;
  since: string | null;
  storm: Storm;
  observations: number;
  observationsPerSecond: number;
  deadLetters: number;
  sessions: number;
  activeSessions: number;
  incidents: number;
}

export interface LayoutNode {
  id: string;
  kind: 'gate' | 'leaf';
  gate?: 'or' | 'and' | 'sand';
  goal?: string;
  name: string;
  techniques: string[];
  sensors?: string[];
  witnesses?: number;
  lines: string[];
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface BranchLayout {
  branch: string;
  goal: string;
  direction: 'DOWN' | 'RIGHT';
  width: number;
  height: number;
  nodes: LayoutNode[];
  edges: { from: string; to: string; step?: number; points: Point[]; label?: Point }[];
}

export interface Edge {
  parent: string;
  child: string;
  entered: number;
  wentOn: number;
  probability: number;
  interval: [number, number];
  medianStepSeconds?: number;
}

export interface BranchFigures {
  branch: string;
  entered: number;
  goal: number;
  leaves: Record<string, number>;
  walked: { leaves: string[]; sessions: number }[];
  goalProbability: number;
  edges: Edge[];
}

export interface Figures {
  now: string;
  branches: BranchFigures[];
}

export interface NodeProgress {
  id: string;
  done: boolean;
  fraction: number;
  at?: string;
}

export interface Session {
  id: string;
  first: string;
  last: string;
  active: boolean;
  keys: string[];
  clusters: string[];
  leaves: string[];
  hits: number;
  branches: { branch: string; fraction: number; done: boolean; nodes: NodeProgress[] }[];
}

export interface Hit {
  time: string;
  leaf: string;
  witness: string;
  branch: string;
  indicator: string;
  observation: string;
}

export interface SessionDetail extends Session {
  timeline: Hit[];
  dropped: number;
}

export interface Incident {
  id: string;
  session: string;
  branch: string;
  severity: 'medium' | 'high' | 'critical';
  goalReached: boolean;
  fraction: number;
  leaves: string[];
  techniques: string[];
  opened: string;
  updated: string;
}

export interface Observation {
  id: string;
  time: string;
  source: string;
  kind: string;
  cluster?: string;
  objects: Record<string, unknown>[];
}

export interface TechniqueCoverage {
  id: string;
  name: string;
  tactics: string[];
  status: 'witnessed' | 'armed' | 'blind';
  sightings: number;
  leaves: { id: string; branch: string; status: string; sensors: string[] }[];
}
