import { describe, expect, it } from 'vitest';
import { READY_LEAVES } from '../catalog/index.js';
import { loadModelText } from '../load.js';
import type { ThreatModel } from '../types.js';
import { renderDot, renderJson, renderMermaid, renderSvg, treeGraph, wrap } from './index.js';
import { CHAR_WIDTH, layoutTree } from './layout.js';
import { xml } from './svg.js';

function load(text: string): ThreatModel {
  const result = loadModelText(text, 'render.yaml');
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const [model] = result.threatModels;
  if (!model) throw new Error('no model');
  return model;
}

const SMALL = `apiVersion: kstorm.dev/v1alpha1
kind: ThreatModel
metadata: {name: small}
spec:
  branches:
    - id: root
      goal: Own the node
      gate: sand
      children:
        - id: choose
          gate: or
          children:
            - from: tmfk/MS-TA9006
            - from: tmfk/MS-TA9007
        - id: both
          gate: and
          children:
            - from: kubehound/CE_NSENTER
            - id: hostile
              name: 'Leaf <script>alert("x")</script> & #1 \\ done'
              technique: T1611
              witnesses:
                - pattern: "[x-kstorm-event:rule_name = 'Terminal shell in container']"
                  sensor: falco
        - from: tmfk/MS-TA9021
`;

/** 40 ready-made leaves under eight `or` gates of five, under one `sand` root. */
function fortyLeafModel(): string {
  const ids = READY_LEAVES.map((l) => l.ref).slice(0, 40);
  expect(ids).toHaveLength(40);
  const gates = Array.from({ length: 8 }, (_, g) => {
    const leaves = ids.slice(g * 5, g * 5 + 5).map((id) => `            - from: ${id}`);
    return [`        - id: stage-${g + 1}`, '          gate: or', '          children:', ...leaves].join(
      '\n',
    );
  });
  return `apiVersion: kstorm.dev/v1alpha1
kind: ThreatModel
metadata: {name: forty}
spec:
  branches:
    - id: forty
      goal: Walk eight stages of a long attack
      gate: sand
      children:
${gates.join('\n')}
`;
}

describe('tree graph', () => {
  it('lists every node once with sand steps numbered in written order', () => {
    const graph = treeGraph(load(SMALL));
    expect(graph.nodes.map((n) => n.id)).toEqual([
      'root',
      'choose',
      'exec-into-container',
      'shell-inside-container',
      'both',
      'ce-nsenter',
      'hostile',
      'clear-container-logs',
    ]);
    expect(graph.nodes[2]).toMatchObject({
      kind: 'leaf',
      from: 'tmfk/MS-TA9006',
      sensors: ['audit', 'kubescape'],
    });
    expect(graph.edges.filter((e) => e.from === 'root').map((e) => e.step)).toEqual([1, 2, 3]);
    expect(graph.edges.filter((e) => e.from === 'choose').every((e) => e.step === undefined)).toBe(true);
    expect(renderJson(load(SMALL), { branch: 'root' })).toEqual(graph);
  });
});

describe('DOT and Mermaid', () => {
  const model = load(SMALL);
  it('draws the three gates with distinct shapes', () => {
    const dot = renderDot(model);
    expect(dot).toMatch(/"choose" \[label="OR\\nchoose", shape=ellipse/);
    expect(dot).toMatch(/"both" \[label="AND\\nboth", shape=box, style="bold"/);
    expect(dot).toMatch(
      /"root" \[label="SAND \(in order\)\\nOwn the node", shape=cds, style="solid", peripheries=2\]/,
    );
    expect(dot).toContain('"root" -> "choose" [label="1", arrowhead=normal];');
    const mermaid = renderMermaid(model);
    expect(mermaid).toMatch(/n1\{\{"OR<br\/>choose"\}\}/);
    expect(mermaid).toMatch(/n4\[\/"AND<br\/>both"\\\]/);
    expect(mermaid).toMatch(/n0\[\["SAND \(in order\)<br\/>Own the node"\]\]/);
    expect(mermaid).toContain('n0 -->|"3"| n7');
  });

  it('escapes names so they cannot break out of a label', () => {
    const dot = renderDot(model);
    expect(dot).toContain('label="Leaf <script>alert(\\"x\\")</script> & #1 \\\\ done\\nT1611"');
    const mermaid = renderMermaid(model);
    const line = mermaid.split('\n').find((l) => l.includes('Leaf')) ?? '';
    expect(line).toBe(
      '  n6["Leaf #lt;script#gt;alert(#quot;x#quot;)#lt;/script#gt; #amp; #35;1 \\ done<br/>T1611"]',
    );
  });
});

describe('SVG', () => {
  it('escapes every text and draws each gate kind differently', async () => {
    const svg = await renderSvg(load(SMALL));
    expect(svg).not.toContain('<script');
    expect(svg).toContain('>Leaf &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;</text>');
    expect(svg).toContain('>#1 \\ done</text>');
    const shapeOf = (gate: string) =>
      svg.match(
        new RegExp(`class="node gate gate-${gate}[^"]*"[^>]*><title>[^<]*</title>(<rect[^>]*>)`),
      )?.[1];
    const shapes = ['or', 'and', 'sand'].map(shapeOf);
    expect(shapes.every((s) => s !== undefined)).toBe(true);
    expect(new Set(shapes).size).toBe(3);
    expect(shapeOf('or')).toMatch(/rx="/);
    expect(await renderSvg(load(SMALL))).toBe(svg);
  });

  it('keeps a 40-leaf tree readable: no overlaps, text inside its box, a screen wide', async () => {
    const model = load(fortyLeafModel());
    const layout = await layoutTree(treeGraph(model));
    expect(layout.nodes.filter((n) => n.node.kind === 'leaf')).toHaveLength(40);
    for (const a of layout.nodes) {
      for (const line of a.lines) expect(line.length * CHAR_WIDTH).toBeLessThanOrEqual(a.width - 2 * 10);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.node.id} overlaps ${b.node.id}`).toBe(true);
      }
    }
    // Stacked, not strung out: the picture fits a 1920-pixel screen across and scrolls down.
    expect(layout.direction).toBe('RIGHT');
    expect(layout.width).toBeLessThanOrEqual(1920);
    // Sequential steps stay in written order along the cross axis.
    const stageY = layout.nodes.filter((n) => n.node.id.startsWith('stage-')).map((n) => n.y);
    expect(stageY).toEqual([...stageY].sort((x, y) => x - y));
    const svg = await renderSvg(model);
    for (const placed of layout.nodes)
      for (const line of placed.lines) expect(svg).toContain(`>${xml(line)}</text>`);
    expect(svg).toMatch(/font-size:12px/);
  });
});

describe('wrap', () => {
  it('breaks at spaces and cuts only words longer than the limit', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrap('', 5)).toEqual(['']);
  });
});
