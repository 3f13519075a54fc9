// Regressions from the review of the STIX core: valid content the schemas alone reject (spec errata),
// order independence, and hostile shapes that must become issues instead of exceptions.
import { describe, expect, it } from 'vitest';
import { createValidator, k8sContainer, sco } from '../../src/stix/index.js';

const validator = createValidator();
const T = '2020-01-01T00:00:00.000Z';
const id = (type: string, n: number) => `${type}--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const campaign = (extra: Record<string, unknown> = {}) => ({
  type: 'campaign',
  spec_version: '2.1',
  id: id('campaign', 1),
  created: T,
  modified: T,
  name: 'c',
  ...extra,
});
const report = (extra: Record<string, unknown>) => ({
  type: 'report',
  spec_version: '2.1',
  id: id('report', 2),
  created: T,
  modified: T,
  name: 'r',
  published: T,
  object_refs: [id('identity', 3)],
  ...extra,
});

describe('schema errata (the specification wins)', () => {
  it('accepts a granular marking with lang instead of marking_ref, and needs one of them', () => {
    expect(
      validator.validateObject(campaign({ granular_markings: [{ lang: 'en', selectors: ['name'] }] })),
    ).toEqual([]);
    const [issue] = validator.validateObject(campaign({ granular_markings: [{ selectors: ['name'] }] }));
    expect(issue?.message).toBe(
      'needs exactly one of the properties "marking_ref", "lang" (schema keyword oneOf)',
    );
  });

  it.each(['::ffff:192.0.2.128', '64:ff9b::192.0.2.33', '2001:db8::/32', '::1'])(
    'accepts IPv6 %s',
    (value) => {
      expect(validator.validateObject(sco('ipv6-addr', { value }))).toEqual([]);
    },
  );

  it.each(['ssss::1', '::1sss', '1.2.3.4', '2001:db8::1/129'])('rejects IPv6 %s', (value) => {
    expect(validator.validateObject(sco('ipv6-addr', { value })).map((i) => i.path)).toEqual(['$.value']);
  });

  it('accepts a versioned TLSH digest', () => {
    const file = sco('file', { name: 'x', hashes: { TLSH: `T1${'a'.repeat(70)}` } });
    expect(validator.validateObject(file)).toEqual([]);
  });

  it('says "one of" for alternatives instead of requiring each', () => {
    const issues = validator.validateObject(sco('network-traffic', { protocols: ['tcp'] }));
    expect(issues.map((i) => i.message)).toEqual([
      'needs at least one of the properties "src_ref", "dst_ref" (schema keyword anyOf)',
    ]);
  });
});

describe('order independence', () => {
  const definition = {
    type: 'extension-definition',
    spec_version: '2.1',
    id: id('extension-definition', 5),
    created: T,
    modified: T,
    created_by_ref: id('identity', 3),
    name: 'widget',
    schema: 'https://example.org/widget.json',
    version: '1.0',
    extension_types: ['new-sco'],
  };
  const widget = {
    type: 'x-acme-widget',
    spec_version: '2.1',
    id: id('x-acme-widget', 4),
    extensions: { [definition.id]: { extension_type: 'new-sco' } },
  };
  const observed = {
    type: 'observed-data',
    spec_version: '2.1',
    id: id('observed-data', 6),
    created: T,
    modified: T,
    first_observed: T,
    last_observed: T,
    number_observed: 1,
    object_refs: [widget.id],
  };

  it('a reference to a custom SCO declared later in the scope is judged at the end', () => {
    expect(validator.validateAll([observed, definition, widget])).toEqual([]);
    expect(validator.validateAll([definition, widget, observed])).toEqual([]);
  });

  it('more than 10,000 objects may wait for a definition at the end', () => {
    const ext = { ...definition, id: id('extension-definition', 7), extension_types: ['property-extension'] };
    const users = Array.from({ length: 12_000 }, (_, n) =>
      campaign({
        id: id('campaign', 100 + n),
        extensions: { [ext.id]: { extension_type: 'property-extension', rank: 1 } },
      }),
    );
    expect(validator.validateAll([...users, ext])).toEqual([]);
  });
});

describe('hostile shapes become issues, never exceptions', () => {
  it('deep nesting', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const issues = validator.validateObject(report({ object_refs: [deep] }));
    expect(issues.map((i) => i.message)).toContain(
      'the object is nested too deeply or is too large to validate',
    );
  });

  it('200,000 bad references', () => {
    const issues = validator.validateAll([report({ object_refs: Array(200_000).fill('x') })]);
    expect(issues).toHaveLength(200_000);
    expect(issues[0]?.code).toBe('KSTORM_STIX_REF_FORMAT');
  });

  it('a number beyond the JSON range (1e400 parses to Infinity)', () => {
    const issues = validator.validateObject({
      ...sco('autonomous-system', { number: 1 }),
      number: JSON.parse('1e400'),
    });
    expect(issues.map((i) => i.code)).toEqual(['KSTORM_STIX_SCHEMA']);
  });

  it('a bundle inside a bundle', () => {
    const inner = { type: 'bundle', id: id('bundle', 8), objects: [campaign()] };
    const issues = validator.validateAll([{ type: 'bundle', id: id('bundle', 9), objects: [inner] }]);
    expect(issues.map((i) => i.message)).toEqual([
      'a bundle cannot contain a bundle: its objects are STIX objects, and a bundle is not one',
    ]);
  });

  it('checks object_modified like every timestamp', () => {
    const content = {
      type: 'language-content',
      spec_version: '2.1',
      id: id('language-content', 10),
      created: T,
      modified: T,
      object_ref: id('campaign', 1),
      object_modified: '2020-02-30T00:00:00.000Z',
      contents: { de: { name: 'k' } },
    };
    expect(validator.validateObject(content).map((i) => i.code)).toEqual(['KSTORM_STIX_TIMESTAMP']);
  });
});

describe('builders', () => {
  it('strips a runtime prefix in any case', () => {
    const container = k8sContainer({ container_id: `Docker://${'A'.repeat(64)}` });
    expect((container as Record<string, unknown>)['short_id']).toBe('aaaaaaaaaaaa');
    expect(validator.validateObject(container)).toEqual([]);
  });
});

describe('observed-data', () => {
  it('must reference at least one SCO', () => {
    const observed = {
      type: 'observed-data',
      spec_version: '2.1',
      id: id('observed-data', 11),
      created: T,
      modified: T,
      first_observed: T,
      last_observed: T,
      number_observed: 1,
      object_refs: [id('relationship', 12)],
    };
    expect(validator.validateObject(observed).map((i) => i.message)).toEqual([
      'object_refs of observed-data must include at least one SCO (STIX 2.1 §4.14)',
    ]);
    const ip = sco('ipv4-addr', { value: '192.0.2.1' });
    expect(validator.validateObject({ ...observed, object_refs: [id('relationship', 12), ip.id] })).toEqual(
      [],
    );
  });
});
