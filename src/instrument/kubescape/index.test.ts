import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { falcoSensor, kubescapeSensor, leaf, threatModel } from '../model.test-support.js';
import {
  generateKubescape,
  KUBESCAPE_BINDING_PATH,
  KUBESCAPE_RULES,
  kubescapeSupport,
  validateRuleBinding,
} from './index.js';

const UPSTREAM = join(
  new URL('../../../..', import.meta.url).pathname,
  'shared',
  'upstream',
  'k8sstormcenter',
  'kubescape',
);

describe('generateKubescape', () => {
  it('binds exactly the rules the witnesses use, sorted, once each', () => {
    const model = threatModel(
      [
        leaf('exec', [kubescapeSensor('R2000'), kubescapeSensor('R0001')]),
        leaf('token', [
          kubescapeSensor('R0006'),
          kubescapeSensor('R0001'),
          falcoSensor('Terminal shell in container'),
        ]),
      ],
      { name: 'honey' },
    );
    const { files, problems } = generateKubescape(model, {});
    expect(problems).toEqual([]);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ path: KUBESCAPE_BINDING_PATH, kubernetes: true });
    const binding = files[0]?.documents[0];
    expect(binding).toMatchObject({
      apiVersion: 'kubescape.io/v1',
      kind: 'RuntimeRuleAlertBinding',
      metadata: {
        name: 'kstorm-honey',
        labels: { 'app.kubernetes.io/managed-by': 'kstorm', 'kstorm.dev/threat-model': 'honey' },
      },
      spec: {
        rules: [
          { ruleID: 'R0001', ruleName: 'Unexpected process launched' },
          { ruleID: 'R0006', ruleName: 'Unexpected service account token access' },
          { ruleID: 'R2000', ruleName: 'Exec to pod' },
        ],
      },
    });
    expect(validateRuleBinding(binding)).toEqual([]);
  });

  it('reports unknown rule ids and binds the rest', () => {
    const model = threatModel([leaf('x', [kubescapeSensor('R9999'), kubescapeSensor('R0002')])]);
    const { files, problems } = generateKubescape(model, {});
    expect(problems).toEqual([
      expect.objectContaining({ code: 'KSTORM_MODEL_SENSOR', severity: 'error', witness: 'x/0', leaf: 'x' }),
    ]);
    expect(files[0]?.documents[0]).toMatchObject({ spec: { rules: [{ ruleID: 'R0002' }] } });
  });

  it('writes nothing without Kubescape witnesses', () => {
    expect(
      generateKubescape(threatModel([leaf('x', [falcoSensor('Terminal shell in container')])]), {}),
    ).toEqual({
      files: [],
      problems: [],
    });
  });
});

describe('kubescapeSupport', () => {
  it.each(['R0001', 'R1010', 'R2000'])('accepts %s', (id) => {
    expect(kubescapeSupport(kubescapeSensor(id))).toBeUndefined();
  });

  it.each(['R9999', 'r0001', 'R01', 'Unexpected process launched'])('rejects %j', (id) => {
    expect(kubescapeSupport(kubescapeSensor(id))).toMatch(/not a runtime rule/);
  });
});

describe('validateRuleBinding', () => {
  const good = () => ({
    apiVersion: 'kubescape.io/v1',
    kind: 'RuntimeRuleAlertBinding',
    metadata: { name: 'kstorm-x' },
    spec: { rules: [{ ruleID: 'R0001' }] },
  });

  it.each([
    ['a wrong kind', { ...good(), kind: 'RuntimeAlertRuleBinding' }, '/kind'],
    [
      'a namespace on a cluster-scoped resource',
      { ...good(), metadata: { name: 'x', namespace: 'y' } },
      '/metadata/namespace',
    ],
    ['an upper-case name', { ...good(), metadata: { name: 'X' } }, '/metadata/name'],
    ['no rules', { ...good(), spec: { rules: [] } }, '/spec/rules'],
    ['an unknown id', { ...good(), spec: { rules: [{ ruleID: 'R7777' }] } }, '/spec/rules/0/ruleID'],
    [
      'a rule bound twice',
      { ...good(), spec: { rules: [{ ruleID: 'R0001' }, { ruleID: 'R0001' }] } },
      '/spec/rules/1/ruleID',
    ],
  ])('rejects %s', (_, binding, path) => {
    expect(validateRuleBinding(binding).map((p) => p.path)).toContain(path);
  });
});

describe.skipIf(!existsSync(UPSTREAM))('against the upstream Kubescape files in ../shared', () => {
  it('knows every rule of the upstream Rules resource by its id and name', () => {
    const rules = parse(readFileSync(join(UPSTREAM, 'default-rules.yaml'), 'utf8')) as {
      spec: { rules: { id: string; name: string }[] };
    };
    expect(new Map(rules.spec.rules.map((r) => [r.id, r.name]))).toEqual(KUBESCAPE_RULES);
  });

  it('writes the binding in the shape upstream applies', () => {
    const upstream = parse(readFileSync(join(UPSTREAM, 'rule-alert-binding.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    const ours = generateKubescape(threatModel([leaf('x', [kubescapeSensor('R0001')])]), {}).files[0]
      ?.documents[0] as Record<string, Record<string, unknown>>;
    expect(ours['apiVersion']).toBe(upstream['apiVersion']);
    expect(ours['kind']).toBe(upstream['kind']);
    expect(Object.keys(ours['spec'] ?? {}).sort()).toEqual(Object.keys(upstream['spec'] as object).sort());
  });
});
