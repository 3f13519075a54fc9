import { describe, expect, it } from 'vitest';
import { LineageTracker, normaliseRecord } from '../../normalise/index.js';
import { auditSensor, falcoSensor, leaf, threatModel } from '../model.test-support.js';
import { FALCO_RULES_PATH, falcoSupport, generateFalco, validateFalcoRules } from './index.js';
import { AUDIT_OUTPUT_FIELDS, SYSCALL_OUTPUT_FIELDS } from './rules.js';

const nsenter = falcoSensor('kstorm nsenter into host', {
  condition: 'spawned_process and container and proc.name = nsenter',
});

function rulesOf(result: ReturnType<typeof generateFalco>): Record<string, unknown>[] {
  return (result.files[0]?.documents[0] ?? []) as Record<string, unknown>[];
}

describe('generateFalco', () => {
  it('writes one rule per witness with a condition, with kstorm tags and default output and priority', () => {
    const model = threatModel([
      leaf('ce-nsenter', [nsenter], {
        name: 'Escape with nsenter',
        description: 'enter the host namespaces',
        techniques: ['T1611'],
      }),
    ]);
    const result = generateFalco(model, {});
    expect(result.problems).toEqual([]);
    expect(result.files).toHaveLength(1);
    expect(result.files[0]).toMatchObject({ path: FALCO_RULES_PATH, kubernetes: false });
    const [rule] = rulesOf(result);
    expect(rule).toEqual({
      rule: 'kstorm nsenter into host',
      desc: 'Escape with nsenter: enter the host namespaces (kstorm witness ce-nsenter/0)',
      condition: 'spawned_process and container and proc.name = nsenter',
      output: expect.stringMatching(/^kstorm nsenter into host \| /),
      priority: 'WARNING',
      source: 'syscall',
      tags: ['kstorm', 'T1611', 'ce-nsenter'],
    });
    for (const field of [
      'container.id',
      'k8s.ns.name',
      'k8s.pod.name',
      'proc.pid',
      'proc.exepath',
      'proc.cmdline',
    ]) {
      expect(rule?.['output']).toContain(`%${field}`);
    }
  });

  it('prints the audit id and verb in the default output of a k8s_audit rule', () => {
    const sensor = falcoSensor('kstorm hostPath PV', {
      condition: 'ka.verb = create and ka.target.resource = persistentvolumes',
      source: 'k8s_audit',
      priority: 'notice',
      tags: ['custom'],
    });
    const [rule] = rulesOf(generateFalco(threatModel([leaf('pv', [sensor])]), {}));
    expect(rule?.['output']).toContain('%ka.auditid');
    expect(rule?.['output']).toContain('%ka.verb');
    expect(rule).toMatchObject({
      priority: 'NOTICE',
      source: 'k8s_audit',
      tags: ['kstorm', 'T1610', 'pv', 'custom'],
    });
  });

  it('keeps the author output and warns when it misses fields kstorm reads', () => {
    const sensor = falcoSensor('kstorm custom', { condition: 'evt.type = open', output: 'opened %fd.name' });
    const result = generateFalco(threatModel([leaf('open', [sensor])]), {});
    expect(rulesOf(result)[0]?.['output']).toBe('opened %fd.name');
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'KSTORM_MODEL_SENSOR',
        severity: 'warning',
        witness: 'open/0',
        message: expect.stringContaining('%container.id'),
      }),
    ]);
  });

  it('keeps % out of the default output when the rule name holds one', () => {
    const sensor = falcoSensor('100% shell %proc.name', { condition: 'spawned_process' });
    const [rule] = rulesOf(generateFalco(threatModel([leaf('pct', [sensor])]), {}));
    const title = String(rule?.['output']).split(' | ')[0];
    expect(title).toBe('100_ shell _proc.name');
  });

  it('generates nothing for stock rules and reports rules Falco does not ship', () => {
    const model = threatModel([
      leaf('shell', [falcoSensor('Terminal shell in container')]),
      leaf('made-up', [falcoSensor('No Such Falco Rule')]),
    ]);
    const result = generateFalco(model, {});
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'KSTORM_MODEL_SENSOR',
        severity: 'error',
        witness: 'made-up/0',
        leaf: 'made-up',
      }),
    ]);
  });

  it('warns about stock rules Falco does not load by default, and about a source mismatch', () => {
    const model = threatModel([
      leaf('sandbox', [falcoSensor('Write below etc')]),
      leaf('exec', [falcoSensor('Attach/Exec Pod')]),
    ]);
    const messages = generateFalco(model, {}).problems.map((p) => [p.witness, p.severity, p.message]);
    expect(messages).toEqual([
      ['sandbox/0', 'warning', expect.stringContaining('falco-sandbox_rules.yaml')],
      ['exec/0', 'warning', expect.stringContaining('k8s_audit rule')],
    ]);
  });

  it('merges witnesses sharing one rule definition and rejects conflicting ones', () => {
    const same = generateFalco(
      threatModel([leaf('a', [nsenter]), leaf('b', [nsenter], { techniques: ['T1611'] })]),
      {},
    );
    expect(same.problems).toEqual([]);
    expect(rulesOf(same)).toHaveLength(1);
    expect(rulesOf(same)[0]?.['tags']).toEqual(['kstorm', 'T1610', 'a', 'T1611', 'b']);
    const other = falcoSensor(nsenter.rule, { condition: 'spawned_process' });
    const conflict = generateFalco(threatModel([leaf('a', [nsenter]), leaf('b', [other])]), {});
    expect(conflict.problems).toEqual([
      expect.objectContaining({ code: 'KSTORM_INSTRUMENT_INVALID', witness: 'b/0' }),
    ]);
  });

  it('warns when a generated rule takes a stock rule name', () => {
    const sensor = falcoSensor('Terminal shell in container', {
      condition: 'spawned_process and proc.name = bash',
    });
    const result = generateFalco(threatModel([leaf('shell', [sensor])]), {});
    expect(result.files).toHaveLength(1);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('replaces') }),
    ]);
  });

  it('reports a witness whose condition is broken and writes no rule for it', () => {
    const sensor = falcoSensor('kstorm broken', { condition: '(proc.name = sh' });
    const result = generateFalco(threatModel([leaf('broken', [sensor])]), {});
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'KSTORM_MODEL_SENSOR', severity: 'error', witness: 'broken/0' }),
    ]);
  });

  it('ignores witnesses of other sensors', () => {
    expect(generateFalco(threatModel([leaf('pv', [auditSensor()])]), {})).toEqual({
      files: [],
      problems: [],
    });
  });
});

describe('falcoSupport', () => {
  it.each([
    ['a stock rule', falcoSensor('Read sensitive file untrusted'), undefined],
    ['a rule with a sound condition', nsenter, undefined],
    ['an unknown stock rule', falcoSensor('Terminal Shell'), /not one Falco ships/],
    ['an unbalanced condition', falcoSensor('x', { condition: 'a and (b' }), /parenthesis/],
    ['an unknown priority', falcoSensor('x', { condition: 'a', priority: 'LOUD' }), /priority/],
    ['a multi-line output', falcoSensor('x', { condition: 'a', output: 'one\ntwo' }), /one line/],
  ])('%s', (_, sensor, expected) => {
    const message = falcoSupport(sensor);
    if (expected === undefined) expect(message).toBeUndefined();
    else expect(message).toMatch(expected);
  });
});

describe('validateFalcoRules', () => {
  const good = () => ({
    rule: 'r',
    desc: 'd',
    condition: 'a',
    output: 'o',
    priority: 'WARNING',
    source: 'syscall',
    tags: ['kstorm'],
  });

  it('accepts a sound rule', () => {
    expect(validateFalcoRules([good()])).toEqual([]);
  });

  it.each([
    ['not a list', good(), '/'],
    ['a missing desc', [{ ...good(), desc: undefined }], '/0/desc'],
    ['an unknown priority', [{ ...good(), priority: 'LOUD' }], '/0/priority'],
    ['an unknown source', [{ ...good(), source: 'k8saudit' }], '/0/source'],
    ['an unbalanced condition', [{ ...good(), condition: 'a)' }], '/0/condition'],
    ['a duplicate name', [good(), good()], '/1/rule'],
    ['a tag that is not a string', [{ ...good(), tags: [1] }], '/0/tags'],
  ])('rejects %s', (_, document, path) => {
    expect(validateFalcoRules(document).map((p) => p.path)).toContain(path);
  });
});

describe('default outputs against kstorm’s Falco normaliser', () => {
  const context = () => ({ lineage: new LineageTracker() });
  const alert = (
    source: string,
    fields: readonly (readonly [string, string])[],
    values: Record<string, unknown>,
  ) => {
    const output_fields = Object.fromEntries(fields.map(([, field]) => [field, values[field] ?? 'x']));
    return {
      rule: 'r',
      priority: 'Warning',
      output: 'o',
      source,
      time: '2026-01-01T00:00:00.000000000Z',
      output_fields,
    };
  };

  it('a k8s_audit alert printing the default fields becomes an API request', () => {
    const value = alert('k8s_audit', AUDIT_OUTPUT_FIELDS, {
      'ka.auditid': 'a1',
      'ka.verb': 'create',
      'ka.response.code': 201,
    });
    const [outcome] = normaliseRecord('falco', value, JSON.stringify(value), context());
    expect(outcome?.ok && outcome.event.request).toMatchObject({ auditId: 'a1', verb: 'create' });
  });

  it('a syscall alert printing the default fields has its process, container and pod', () => {
    const value = alert('syscall', SYSCALL_OUTPUT_FIELDS, {
      'proc.pid': 42,
      'proc.ppid': 1,
      'user.uid': 0,
      'user.loginuid': -1,
      'proc.exepath': '/usr/bin/nsenter',
      'container.id': 'abcdef012345',
      'k8s.ns.name': 'default',
      'k8s.pod.name': 'web',
    });
    const [outcome] = normaliseRecord('falco', value, JSON.stringify(value), context());
    expect(outcome?.ok).toBe(true);
    if (!outcome?.ok) return;
    expect(outcome.event.process).toMatchObject({ pid: 42 });
    expect(outcome.event.container).toMatchObject({ id: 'abcdef012345' });
    expect(outcome.event.pod).toMatchObject({ namespace: 'default', name: 'web' });
  });
});
