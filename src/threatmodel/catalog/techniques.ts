/**
 * The technique ids kstorm knows without a model declaring them: ATT&CK's Containers techniques (plus the
 * ATT&CK ids the Threat Matrix for Kubernetes cites) and the Threat Matrix for Kubernetes itself.
 * Data and licences: ./data/NOTICE.md.
 */
import attack from './data/attack-containers.json' with { type: 'json' };
import tmfk from './data/tmfk.json' with { type: 'json' };
import type { TechniqueInfo } from './types.js';

const fromAttack: TechniqueInfo[] = attack.techniques.map((t) => ({
  id: t.id,
  name: t.name,
  source: 'attack',
  tactics: t.tactics,
  url: t.url,
  ...('stixId' in t && typeof t.stixId === 'string' ? { stixId: t.stixId } : {}),
}));

const fromTmfk: TechniqueInfo[] = tmfk.techniques.map((t) => ({
  id: t.id,
  name: t.name,
  source: 'tmfk',
  tactics: t.tactics,
  attack: t.attack,
  ...('url' in t && typeof t.url === 'string' ? { url: t.url } : {}),
}));

/** Every known technique, ATT&CK first, each sorted by id. */
export const TECHNIQUES: readonly TechniqueInfo[] = [...fromAttack, ...fromTmfk];

const BY_ID = new Map(TECHNIQUES.map((t) => [t.id, t]));

/** The technique with this id, or undefined. */
export function techniqueInfo(id: string): TechniqueInfo | undefined {
  return BY_ID.get(id);
}
