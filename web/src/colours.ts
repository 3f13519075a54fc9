/**
 * Colour scales that colour-blind readers can tell apart: Paul Tol's YlOrBr sequential scheme for heat,
 * and his bright qualitative colours for gates and states (https://personal.sron.nl/~pault/).
 */
const YL_OR_BR = [
  '#FFFFE5',
  '#FFF7BC',
  '#FEE391',
  '#FEC44F',
  '#FB9A29',
  '#EC7014',
  '#CC4C02',
  '#993404',
  '#662506',
];

/** Below this many, the hottest is not painted darkest: two actors are not yet a storm. */
const SCALE_FLOOR = 10;

/** 0..1: how hot `count` is against `max` on the log scale the colours use. */
export function share(count: number, max: number): number {
  return Math.log1p(count) / Math.log1p(Math.max(max, SCALE_FLOOR));
}

function index(count: number, max: number): number {
  return 1 + Math.min(YL_OR_BR.length - 2, Math.floor(share(count, max) * (YL_OR_BR.length - 1)));
}

/** The heat colour of `count` when the hottest is `max` (log scale: one hit is already visible). */
export function heat(count: number, max: number): string {
  if (count <= 0 || max <= 0) return '#FFFFFF';
  return YL_OR_BR[index(count, max)] ?? '#FFFFFF';
}

/** An edge's colour: the same scale, but never lighter than its middle, so a thin walked edge shows on white. */
export function edgeHeat(count: number, max: number): string {
  return YL_OR_BR[Math.max(4, index(count, max))] ?? '#FB9A29';
}

/** Text on a heat colour: white from #CC4C02 on (contrast ≥ 4.5:1 both ways), dark before. */
export function ink(count: number, max: number): string {
  if (count <= 0 || max <= 0) return '#222222';
  return index(count, max) >= 6 ? '#FFFFFF' : '#222222';
}

export const HEAT_SCALE = YL_OR_BR;
export const GATE_COLOUR = { or: '#4477AA', and: '#EE6677', sand: '#228833' } as const;
export const PATH_COLOUR = '#AA3377';
export const LEVEL_COLOUR = {
  green: '#228833',
  yellow: '#CCBB44',
  orange: '#EE7733',
  red: '#CC3311',
} as const;
