import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditLevel, AuditSensor } from '../../threatmodel/index.js';
import { auditSensor } from '../model.test-support.js';
import { type PolicyRule, policyRules, type WitnessNeed } from './rules.js';
import { needOf } from './scope.js';

/** One API request as kube-apiserver's policy checker sees it. */
interface Request {
  readonly resourceRequest: boolean;
  readonly group: string;
  /** `name` or `name/subresource`. */
  readonly resource: string;
  readonly verb: string;
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly path: string;
}

// The oracle: the API server's first-match rule evaluation, written from its documentation.
function resourceMatches(pattern: string, resource: string): boolean {
  const [base, sub] = resource.split('/');
  if (pattern === '*' || pattern === resource) return true;
  if (sub !== undefined && pattern === `*/${sub}`) return true;
  return pattern === `${base}/*`;
}

function ruleMatches(rule: PolicyRule, request: Request): boolean {
  if (rule.verbs?.length && !rule.verbs.includes(request.verb)) return false;
  if (rule.namespaces?.length || rule.resources?.length) {
    if (!request.resourceRequest) return false;
    if (rule.namespaces?.length && !rule.namespaces.includes(request.namespace)) return false;
    if (!rule.resources?.length) return true;
    return rule.resources.some(
      (gr) =>
        gr.group === request.group &&
        (!gr.resources?.length || gr.resources.some((p) => resourceMatches(p, request.resource))),
    );
  }
  if (rule.nonResourceURLs?.length) {
    if (request.resourceRequest) return false;
    return rule.nonResourceURLs.some(
      (url) =>
        url === '*' ||
        url === request.path ||
        (url.endsWith('*') && request.path.startsWith(url.slice(0, -1))),
    );
  }
  return true;
}

function loggedAt(rules: readonly PolicyRule[], request: Request): string {
  return rules.find((rule) => ruleMatches(rule, request))?.level ?? 'None';
}

const RANK: Record<string, number> = { None: -1, Metadata: 0, Request: 1, RequestResponse: 2 };
const SENSITIVE = new Set([
  '/configmaps',
  '/secrets',
  '/serviceaccounts/token',
  'authentication.k8s.io/tokenreviews',
]);

/** What the witnesses need for one request: the highest level any asks for, clamped for sensitive bodies. */
function expectedLevel(sensors: readonly AuditSensor[], request: Request): string {
  let best = 'None';
  if (!request.resourceRequest) return best;
  for (const sensor of sensors) {
    const needs =
      (sensor.verbs.length === 0 || sensor.verbs.includes(request.verb)) &&
      (sensor.namespaces.length === 0 || sensor.namespaces.includes(request.namespace)) &&
      (sensor.resources.length === 0 ||
        sensor.resources.some(
          (gr) =>
            gr.group === request.group &&
            (gr.resources.length === 0 || gr.resources.some((p) => resourceMatches(p, request.resource))),
        ));
    if (needs && (RANK[sensor.level] ?? -1) > (RANK[best] ?? -1)) best = sensor.level;
  }
  if (best !== 'None' && SENSITIVE.has(`${request.group}/${request.resource}`)) return 'Metadata';
  return best;
}

const GROUPS = ['', 'apps', 'authentication.k8s.io', 'rbac.authorization.k8s.io'];
const RESOURCES = [
  'pods',
  'pods/exec',
  'pods/log',
  'secrets',
  'configmaps',
  'serviceaccounts',
  'serviceaccounts/token',
  'tokenreviews',
  'deployments',
  'deployments/scale',
  'clusterroles',
];
const PATTERNS = [...RESOURCES, '*', 'pods/*', '*/token', '*/exec', 'serviceaccounts/*'];
const VERBS = ['get', 'list', 'create', 'delete', 'patch'];
const NAMESPACES = ['default', 'kube-system', 'kstorm-bait'];

const sensorArb: fc.Arbitrary<AuditSensor> = fc.record({
  kind: fc.constant('audit' as const),
  resources: fc.array(
    fc.record({
      group: fc.constantFrom(...GROUPS),
      resources: fc.uniqueArray(fc.constantFrom(...PATTERNS), { maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
  verbs: fc.uniqueArray(fc.constantFrom(...VERBS), { maxLength: 3 }),
  namespaces: fc.uniqueArray(fc.constantFrom(...NAMESPACES), { maxLength: 2 }),
  level: fc.constantFrom<AuditLevel>('Metadata', 'Request', 'RequestResponse'),
});

const requestArb: fc.Arbitrary<Request> = fc.record({
  resourceRequest: fc.boolean(),
  group: fc.constantFrom(...GROUPS),
  resource: fc.constantFrom(...RESOURCES),
  verb: fc.constantFrom(...VERBS),
  namespace: fc.constantFrom('', ...NAMESPACES),
  path: fc.constantFrom('/healthz', '/version', '/api'),
});

function needsOf(sensors: readonly AuditSensor[]): WitnessNeed[] {
  return sensors.map((sensor, index) => ({
    need: needOf(sensor),
    witness: `leaf-${index}/0`,
    leaf: `leaf-${index}`,
  }));
}

describe('policyRules', () => {
  it('logs every request at exactly the level the witnesses need (first match, max level, clamped)', () => {
    fc.assert(
      fc.property(
        fc.array(sensorArb, { maxLength: 6 }),
        fc.array(requestArb, { minLength: 1, maxLength: 40 }),
        (sensors, requests) => {
          const { rules } = policyRules(needsOf(sensors));
          for (const request of requests)
            expect(loggedAt(rules, request)).toBe(expectedLevel(sensors, request));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('does not depend on the order of the witnesses', () => {
    fc.assert(
      fc.property(fc.array(sensorArb, { maxLength: 6 }), (sensors) => {
        const forward = policyRules(needsOf(sensors)).rules;
        const backward = policyRules(needsOf([...sensors].reverse())).rules;
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('ends with a catch-all None rule', () => {
    const { rules } = policyRules(
      needsOf([auditSensor({ resources: [{ group: '', resources: ['pods'] }] })]),
    );
    expect(rules.at(-1)).toEqual({ level: 'None' });
  });

  it('merges witnesses with the same level, verbs and namespaces into one rule', () => {
    const { rules } = policyRules(
      needsOf([
        auditSensor({ resources: [{ group: '', resources: ['pods'] }], verbs: ['create'], level: 'Request' }),
        auditSensor({
          resources: [{ group: 'apps', resources: ['deployments'] }],
          verbs: ['create'],
          level: 'Request',
        }),
        auditSensor({
          resources: [{ group: '', resources: ['pods/exec'] }],
          verbs: ['create'],
          level: 'Request',
        }),
      ]),
    );
    expect(rules).toEqual([
      {
        level: 'Request',
        verbs: ['create'],
        resources: [
          { group: '', resources: ['pods', 'pods/exec'] },
          { group: 'apps', resources: ['deployments'] },
        ],
      },
      { level: 'None' },
    ]);
  });

  it('puts the most detailed level first', () => {
    const { rules } = policyRules(
      needsOf([
        auditSensor({ resources: [{ group: '', resources: [] }], level: 'Metadata' }),
        auditSensor({
          resources: [{ group: '', resources: ['pods'] }],
          verbs: ['create'],
          level: 'RequestResponse',
        }),
      ]),
    );
    expect(rules.map((r) => r.level)).toEqual(['RequestResponse', 'Metadata', 'None']);
  });

  it('drops non-resource URLs only when a rule would otherwise log them', () => {
    const everything = policyRules(needsOf([auditSensor({ verbs: ['create'] })])).rules;
    expect(everything[0]).toEqual({ level: 'None', nonResourceURLs: ['*'] });
    const scoped = policyRules(needsOf([auditSensor({ namespaces: ['default'] })])).rules;
    expect(scoped.some((r) => r.nonResourceURLs !== undefined)).toBe(false);
  });

  it('clamps secrets and token bodies to Metadata and names the witness', () => {
    const { rules, clamped } = policyRules(
      needsOf([
        auditSensor({ resources: [{ group: '', resources: ['secrets', 'pods'] }], level: 'RequestResponse' }),
      ]),
    );
    expect(rules).toEqual([
      { level: 'Metadata', resources: [{ group: '', resources: ['secrets'] }] },
      { level: 'RequestResponse', resources: [{ group: '', resources: ['pods'] }] },
      { level: 'None' },
    ]);
    expect(clamped).toEqual([
      { witness: 'leaf-0/0', leaf: 'leaf-0', level: 'RequestResponse', resources: ['secrets'] },
    ]);
  });

  it('clamps every sensitive resource a wildcard reaches', () => {
    const { clamped } = policyRules(needsOf([auditSensor({ level: 'Request' })]));
    expect(clamped[0]?.resources).toEqual([
      'configmaps',
      'secrets',
      'serviceaccounts/token',
      'authentication.k8s.io/tokenreviews',
    ]);
  });

  it('leaves Metadata needs on sensitive resources alone', () => {
    const { clamped } = policyRules(
      needsOf([auditSensor({ resources: [{ group: '', resources: ['secrets'] }] })]),
    );
    expect(clamped).toEqual([]);
  });
});
