import { describe, expect, it } from 'vitest';
import { parseWitnessTests } from './parse.js';
import { runWitnessTests, type WitnessUnderTest } from './run.js';

const WITNESSES: WitnessUnderTest[] = [
  {
    leaf: 'exec',
    index: 1,
    id: 'exec/1',
    pattern: "[x-k8s-api-request:object_ref.subresource = 'exec' AND x-k8s-api-request:verb = 'create']",
  },
  { leaf: 'quiet', index: 1, id: 'quiet/1', pattern: "[x-kstorm-event:rule_id = 'R0001']" },
];

const AUDIT = `
    audit:
      kind: Event
      apiVersion: audit.k8s.io/v1
      level: Metadata
      auditID: 7b1e6c0a-3f2d-4e8b-9a41-5d6c7e8f9a0b
      stage: ResponseComplete
      requestURI: /api/v1/namespaces/shop/pods/web/exec?command=sh
      verb: create
      user: {username: alice}
      objectRef: {resource: pods, subresource: exec, namespace: shop, name: web, apiVersion: v1}
      responseStatus: {code: 101}
      requestReceivedTimestamp: "2026-03-14T09:30:00.000000Z"
      stageTimestamp: "2026-03-14T09:30:00.020000Z"`;

function tests(cases: string): ReturnType<typeof parseWitnessTests> {
  return parseWitnessTests(
    `apiVersion: kstorm.dev/v1alpha1\nkind: WitnessTests\nmetadata: {name: t}\nspec:\n  templates:${AUDIT}\n  cases:\n${cases}`,
    't.yaml',
  );
}

describe('runWitnessTests', () => {
  it('passes a witness that matches its records and none of its near-misses', () => {
    const report = runWitnessTests(
      WITNESSES,
      tests(`    - leaf: exec
      source: k8s-audit
      match: {template: audit}
      nearMiss:
        - merge: {objectRef: {subresource: attach}}
`),
    );
    expect(report.results.map((r) => [r.witness, r.passed])).toEqual([['exec/1', true]]);
    expect(report.uncovered).toEqual([{ id: 'quiet/1', missing: 'case' }]);
  });

  it('fails a case whose records the witness does not match, naming its line', () => {
    const report = runWitnessTests(
      WITNESSES,
      tests(`    - leaf: exec
      source: k8s-audit
      match: {template: audit, merge: {verb: get}}
      nearMiss:
        - merge: {verb: delete}
`),
    );
    expect(report.results[0]).toMatchObject({
      passed: false,
      reason: 'the witness does not match its records',
    });
    expect(report.results[0]?.case.line).toBe(20);
  });

  it('fails a case whose near-miss still matches', () => {
    const report = runWitnessTests(
      WITNESSES,
      tests(`    - leaf: exec
      source: k8s-audit
      match: {template: audit}
      nearMiss:
        - merge: {user: {username: bob}}
`),
    );
    expect(report.results[0]).toMatchObject({ passed: false, reason: 'the witness matches near-miss 1' });
  });

  it('fails a case whose record is dead-lettered, and one that names no witness', () => {
    const report = runWitnessTests(
      WITNESSES,
      tests(`    - leaf: exec
      source: k8s-audit
      match: {template: audit, merge: {verb: 42}}
    - leaf: exec
      witness: 2
      source: k8s-audit
      match: {template: audit}
`),
    );
    expect(report.results[0]?.passed).toBe(false);
    expect(report.results[0]?.reason).toMatch(/^record 1 was dead-lettered: KSTORM_/);
    expect(report.results[1]).toMatchObject({ passed: false, reason: 'no witness 2 on leaf exec' });
  });

  it('lists a witness whose cases have no near-miss as not proven', () => {
    const report = runWitnessTests(
      WITNESSES,
      tests(`    - leaf: exec
      source: k8s-audit
      match: {template: audit}
`),
    );
    expect(report.uncovered).toContainEqual({ id: 'exec/1', missing: 'near-miss' });
  });
});
