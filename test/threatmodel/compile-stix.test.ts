// Compiling a threat model to STIX 2.1: spec-valid (strict), deterministic, and shaped as the docs say.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createValidator, KSTORM_ATTACK_TREE } from '../../src/stix/index.js';
import {
  CHILD_OF,
  compileToStix,
  defaultCatalogue,
  loadModelText,
  nodesOf,
  witnessesOf,
} from '../../src/threatmodel/index.js';

const text = readFileSync(new URL('../fixtures/threatmodels/valid-minimal.yaml', import.meta.url), 'utf8');
const [model] = loadModelText(text, 'valid-minimal.yaml').threatModels;
if (!model) throw new Error('the fixture did not load');
const compile = (now = '2026-01-01T00:00:00Z') => compileToStix(model, { now, catalogue: defaultCatalogue });
const ext = KSTORM_ATTACK_TREE.definition.id;
type Obj = Record<string, unknown> & { id: string; type: string };
const objects = compile() as unknown as Obj[];
const byType = (type: string) => objects.filter((o) => o.type === type);
const extension = (o: Obj) => (o['extensions'] as Record<string, Record<string, unknown>>)[ext] ?? {};

describe('compileToStix', () => {
  const strict = createValidator({ strict: true });

  it('is valid STIX 2.1 in strict mode, extension contents included', () => {
    expect(strict.validateAll(objects)).toEqual([]);
  });

  it('rejects an attack-tree extension with a property the schema does not declare', () => {
    const pattern = byType('attack-pattern')[0] as Obj;
    const bad = { ...pattern, extensions: { [ext]: { ...extension(pattern), colour: 'red' } } };
    const issues = strict.validateAll([...objects.filter((o) => o.id !== pattern.id), bad]);
    expect(issues.map((i) => i.code)).toContain('KSTORM_STIX_EXTENSION_SCHEMA');
  });

  it('gives the same objects when compiled again, whatever the time, when metadata names one', () => {
    expect(JSON.stringify(compile('2030-05-05T05:05:05Z'))).toBe(JSON.stringify(objects));
  });

  it('has one attack-pattern per node, one indicator per witness, and the tree as child-of', () => {
    const nodes = model.branches.flatMap((b) => [...nodesOf(b)]);
    const witnesses = [...witnessesOf(model)];
    expect(byType('attack-pattern')).toHaveLength(nodes.length);
    expect(byType('indicator')).toHaveLength(witnesses.length);
    const relationships = byType('relationship');
    expect(relationships.filter((r) => r['relationship_type'] === 'indicates')).toHaveLength(
      witnesses.length,
    );
    const childOf = relationships.filter((r) => r['relationship_type'] === CHILD_OF);
    expect(childOf).toHaveLength(nodes.length - model.branches.length);
    const [grouping] = byType('grouping');
    expect(new Set(grouping?.['object_refs'] as string[])).toEqual(
      new Set(
        objects
          .filter((o) => !['grouping', 'identity', 'extension-definition'].includes(o.type))
          .map((o) => o.id),
      ),
    );
  });

  it('keeps gates, sand order, techniques and sensors', () => {
    const patterns = new Map(byType('attack-pattern').map((p) => [extension(p)['node_id'], p]));
    expect(extension(patterns.get('escape-to-node') as Obj)).toMatchObject({
      node_type: 'branch',
      gate: 'sand',
    });
    expect(extension(patterns.get('get-in') as Obj)).toMatchObject({ node_type: 'gate', gate: 'or' });
    const nsenter = patterns.get('nsenter') as Obj;
    expect(nsenter['external_references']).toEqual([
      expect.objectContaining({ source_name: 'mitre-attack', external_id: 'T1611' }),
    ]);
    const order = byType('relationship')
      .filter(
        (r) =>
          r['relationship_type'] === CHILD_OF &&
          r['target_ref'] === (patterns.get('escape-to-node') as Obj).id,
      )
      .map((r) => [
        patterns.get('get-in')?.id === r['source_ref'] ? 'get-in' : 'nsenter',
        extension(r)['order'],
      ]);
    expect(order.sort()).toEqual([
      ['get-in', 0],
      ['nsenter', 1],
    ]);
    const indicator = byType('indicator').find((i) => extension(i)['witness_id'] === 'nsenter/1') as Obj;
    expect(indicator).toMatchObject({ pattern_type: 'stix', pattern_version: '2.1' });
    expect(extension(indicator)).toMatchObject({
      sensor: 'tetragon',
      sensor_detail: 'kprobe __x64_sys_setns',
    });
  });
});
