/**
 * Every rule of the STIX 2.1 validator (src/stix/validate): a valid baseline, then a negative case asserting
 * the code, severity, JSON path and message; plus sessions (counts, locations, order independence) and
 * hostile input. The objects are built in test/stix/builders.ts after the STIX 2.1 specification's examples.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createValidator,
  STIX_SCO_NAMESPACE,
  type StixValidator,
  scoIdentifier,
  type ValidationIssue,
} from '../../src/stix/index.js';
import {
  BUNDLE_ID,
  CREATED,
  codes,
  extensionDefinition,
  FILE,
  IDENTITY,
  INDICATOR,
  IPV4,
  IPV4_DST,
  type Json,
  NETWORK_TRAFFIC,
  OBSERVED_DATA,
  PROCESS,
  SIGHTING,
  TLP_WHITE,
  withCode,
  withScoId,
} from './builders.js';

let validator: StixValidator;
let strict: StixValidator;

beforeAll(() => {
  validator = createValidator();
  strict = createValidator({ strict: true });
});

/** The one issue with `code`; fails when there is none or several. */
function only(issues: readonly ValidationIssue[], code: string): ValidationIssue {
  const found = withCode(issues, code);
  expect(found, `issues with ${code} among ${JSON.stringify(issues, null, 1)}`).toHaveLength(1);
  return found[0] as ValidationIssue;
}

const DEF_ID = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';
const V1_UUID = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('valid baselines', () => {
  const baselines: [string, Json][] = [
    ['identity', IDENTITY],
    ['indicator', INDICATOR],
    ['marking-definition', TLP_WHITE],
    ['ipv4-addr', IPV4],
    ['file', FILE],
    ['process', PROCESS],
    ['network-traffic', NETWORK_TRAFFIC],
    ['observed-data', OBSERVED_DATA],
    ['sighting', SIGHTING],
    ['extension-definition', extensionDefinition(DEF_ID, ['property-extension'])],
  ];
  it.each(baselines)('%s has no issues, also in strict mode', (_name, object) => {
    expect(validator.validateObject(object)).toEqual([]);
    expect(strict.validateObject(object)).toEqual([]);
  });
});

describe('shape and schema', () => {
  it('reports a missing required property as a schema error naming it', () => {
    const { pattern: _pattern, ...noPattern } = INDICATOR;
    const issue = only(validator.validateObject(noPattern), 'KSTORM_STIX_SCHEMA');
    expect(issue).toEqual({
      code: 'KSTORM_STIX_SCHEMA',
      severity: 'error',
      objectId: INDICATOR['id'],
      objectType: 'indicator',
      path: '$',
      message: 'required property "pattern" is missing (schema keyword required)',
    });
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['a string', 'indicator'],
    ['an array', [INDICATOR]],
    ['an object without type', { id: INDICATOR['id'] }],
    ['an object with a non-string type', { ...INDICATOR, type: 7 }],
  ])('rejects %s as not a STIX object', (_name, input) => {
    expect(validator.validateObject(input)).toEqual([
      {
        code: 'KSTORM_STIX_SCHEMA',
        severity: 'error',
        path: '$',
        message: 'a STIX object is a JSON object with a string "type"',
      },
    ]);
  });

  it('rejects a type that is neither STIX nor declared by a new-* extension', () => {
    const object = {
      ...INDICATOR,
      type: 'x-acme-widget',
      id: 'x-acme-widget--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    };
    const issue = only(validator.validateObject(object), 'KSTORM_STIX_UNKNOWN_TYPE');
    expect(issue.severity).toBe('error');
    expect(issue.path).toBe('$.type');
    expect(issue.message).toBe(
      'type "x-acme-widget" is not a STIX 2.1 type and the object names no new-sdo/new-sco/new-sro extension',
    );
  });

  it('accepts a custom type declared by a new-sdo extension-definition in scope', () => {
    const custom = {
      ...INDICATOR,
      type: 'x-acme-widget',
      id: 'x-acme-widget--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      extensions: { [DEF_ID]: { extension_type: 'new-sdo' } },
    };
    expect(validator.validateAll([custom, extensionDefinition(DEF_ID, ['new-sdo'])])).toEqual([]);
  });
});

describe('identifiers', () => {
  it('reports an id without a UUID once, with the precise rule and not the schema pattern', () => {
    const issues = validator.validateObject({ ...INDICATOR, id: 'indicator--not-a-uuid' });
    const issue = only(issues, 'KSTORM_STIX_ID_FORMAT');
    expect(issue).toMatchObject({ severity: 'error', path: '$.id', objectId: 'indicator--not-a-uuid' });
    expect(issue.message).toBe('id "indicator--not-a-uuid" is not of the form indicator--<RFC 4122 UUID>');
    expect(issues.filter((i) => i.path === '$.id')).toHaveLength(1);
    expect(issues.some((i) => /must match pattern/.test(i.message))).toBe(false);
  });

  it('rejects a UUID whose variant bits are wrong', () => {
    const issues = validator.validateObject({
      ...INDICATOR,
      id: 'indicator--8e2e2d2b-17d4-4cbf-c38f-98ee46b3cd3f',
    });
    expect(only(issues, 'KSTORM_STIX_ID_FORMAT').path).toBe('$.id');
  });

  it('reports an id prefix that differs from the type', () => {
    const issues = validator.validateObject({
      ...INDICATOR,
      id: 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    });
    const issue = only(issues, 'KSTORM_STIX_ID_TYPE_MISMATCH');
    expect(issue).toMatchObject({ severity: 'error', path: '$.id' });
    expect(issue.message).toBe('id prefix "malware" differs from type "indicator"');
    expect(issues.filter((i) => i.path === '$.id')).toHaveLength(1);
  });

  it('warns about a UUIDv1 SDO id, and makes it an error in strict mode', () => {
    const object = { ...INDICATOR, id: `indicator--${V1_UUID}` };
    const expected = {
      code: 'KSTORM_STIX_ID_VERSION',
      path: '$.id',
      message: 'id uses a version 1 UUID; STIX says indicator ids should be UUIDv4',
    };
    expect(validator.validateObject(object)).toEqual([
      { ...expected, severity: 'warning', objectId: object.id, objectType: 'indicator' },
    ]);
    expect(strict.validateObject(object)).toEqual([
      { ...expected, severity: 'error', objectId: object.id, objectType: 'indicator' },
    ]);
  });

  it('accepts a UUIDv5 SDO id', () => {
    expect(
      strict.validateObject({ ...INDICATOR, id: 'indicator--4f6f5a1e-1c5e-5c4f-8e3a-2b1c0d9e8f7a' }),
    ).toEqual([]);
  });

  it('warns about an SCO id that is not its deterministic id, naming the expected one', () => {
    const object = { ...IPV4, id: 'ipv4-addr--ff26c055-6336-4bc5-b98d-13d6226742dd' };
    const expectedId = scoIdentifier({ type: 'ipv4-addr', value: '198.51.100.1' });
    expect(expectedId).toBe(IPV4['id']);
    const issue = only(validator.validateObject(object), 'KSTORM_STIX_ID_NOT_DETERMINISTIC');
    expect(issue.severity).toBe('warning');
    expect(issue.path).toBe('$.id');
    expect(issue.message).toBe(
      `id should be ${expectedId}, the UUIDv5 of its ID-contributing properties (value) in namespace ${STIX_SCO_NAMESPACE}`,
    );
    expect(only(strict.validateObject(object), 'KSTORM_STIX_ID_NOT_DETERMINISTIC').severity).toBe('error');
  });

  it('computes the deterministic id of a file from one hash and its name', () => {
    const object = { ...FILE, id: 'file--ff26c055-6336-4bc5-b98d-13d6226742dd' };
    const issue = only(validator.validateObject(object), 'KSTORM_STIX_ID_NOT_DETERMINISTIC');
    expect(issue.message).toContain(`id should be ${FILE['id']},`);
    expect(issue.message).toContain('(hashes, name, extensions, parent_directory_ref)');
  });

  it('accepts a process with a random UUIDv4 id (process has no ID-contributing properties)', () => {
    const object = { ...PROCESS, id: 'process--e3a1b0c2-6d0f-4a8b-9c3d-2f1e0a9b8c7d' };
    expect(strict.validateObject(object)).toEqual([]);
  });
});

describe('timestamps', () => {
  it('rejects an offset followed by Z, explaining both parts', () => {
    const stamp = '2025-05-14T13:51:04.481329+00:00Z';
    const issues = validator.validateObject({ ...INDICATOR, created: stamp, modified: stamp });
    const created = withCode(issues, 'KSTORM_STIX_TIMESTAMP').find((i) => i.path === '$.created');
    expect(created).toMatchObject({ severity: 'error', path: '$.created' });
    expect(created?.message).toBe(`created: timestamp "${stamp}" has both an offset and 'Z'; use only 'Z'`);
    expect(withCode(issues, 'KSTORM_STIX_TIMESTAMP').map((i) => i.path)).toEqual(['$.created', '$.modified']);
    expect(withCode(issues, 'KSTORM_STIX_SCHEMA').filter((i) => i.path === '$.created')).toEqual([]);
  });

  it('rejects February 30', () => {
    const issues = validator.validateObject({ ...INDICATOR, valid_from: '2026-02-30T00:00:00Z' });
    const issue = only(issues, 'KSTORM_STIX_TIMESTAMP');
    expect(issue).toMatchObject({ severity: 'error', path: '$.valid_from' });
    expect(issue.message).toMatch(/^valid_from: timestamp "2026-02-30T00:00:00Z" .*\b(day|30)\b.*/);
  });

  it('rejects modified one nanosecond before created, and accepts them equal', () => {
    const created = '2026-01-31T12:00:00.000000002Z';
    const modified = '2026-01-31T12:00:00.000000001Z';
    const issue = only(
      validator.validateObject({ ...INDICATOR, created, modified }),
      'KSTORM_STIX_MODIFIED_BEFORE_CREATED',
    );
    expect(issue).toMatchObject({ severity: 'error', path: '$.modified' });
    expect(issue.message).toBe(`modified ${modified} is earlier than created ${created}`);
    expect(validator.validateObject({ ...INDICATOR, created, modified: created })).toEqual([]);
  });

  it('rejects last_observed before first_observed', () => {
    const object = {
      ...OBSERVED_DATA,
      first_observed: '2026-01-31T11:00:00Z',
      last_observed: '2026-01-31T10:59:59Z',
    };
    const issue = only(validator.validateObject(object), 'KSTORM_STIX_TIME_ORDER');
    expect(issue).toMatchObject({ severity: 'error', path: '$.last_observed' });
    expect(issue.message).toBe(
      'last_observed 2026-01-31T10:59:59Z must be at or after first_observed 2026-01-31T11:00:00Z',
    );
    const equal = { ...object, last_observed: object.first_observed };
    expect(validator.validateObject(equal)).toEqual([]);
  });

  it('rejects valid_until equal to valid_from (it must be later)', () => {
    const object = { ...INDICATOR, valid_from: '2026-01-01T00:00:00Z', valid_until: '2026-01-01T00:00:00Z' };
    const issue = only(validator.validateObject(object), 'KSTORM_STIX_TIME_ORDER');
    expect(issue).toMatchObject({ severity: 'error', path: '$.valid_until' });
    expect(issue.message).toBe(
      'valid_until 2026-01-01T00:00:00Z must be after valid_from 2026-01-01T00:00:00Z',
    );
    expect(validator.validateObject({ ...object, valid_until: '2026-01-01T00:00:00.000000001Z' })).toEqual(
      [],
    );
  });
});

describe('references', () => {
  it('rejects a _ref that is not an identifier, without a second schema error at the same path', () => {
    const issues = validator.validateObject({ ...INDICATOR, created_by_ref: 'acme' });
    const issue = only(issues, 'KSTORM_STIX_REF_FORMAT');
    expect(issue).toMatchObject({ severity: 'error', path: '$.created_by_ref' });
    expect(issue.message).toBe('created_by_ref must hold STIX identifiers (type--UUID), got "acme"');
    expect(issues.filter((i) => i.path === '$.created_by_ref')).toHaveLength(1);
  });

  it('rejects a reference to a bundle', () => {
    const relationship = {
      type: 'relationship',
      spec_version: '2.1',
      id: 'relationship--776bddca-b49d-464b-98c0-4bc7cb59af84',
      created: CREATED,
      modified: CREATED,
      relationship_type: 'indicates',
      source_ref: BUNDLE_ID,
      target_ref: INDICATOR['id'],
    };
    expect(validator.validateObject({ ...relationship, source_ref: INDICATOR['id'] })).toEqual([]);
    const issue = only(validator.validateObject(relationship), 'KSTORM_STIX_REF_TARGET');
    expect(issue).toMatchObject({ severity: 'error', path: '$.source_ref' });
    expect(issue.message).toBe(
      `source_ref points at bundle "${BUNDLE_ID}"; a bundle is a transport envelope, not an object to reference`,
    );
  });

  const wrongTargets: [string, Json, string, string][] = [
    [
      'created_by_ref → indicator',
      { ...INDICATOR, created_by_ref: 'indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061' },
      '$.created_by_ref',
      'created_by_ref of indicator must point at identity, not indicator',
    ],
    [
      'sighting_of_ref → ipv4-addr',
      { ...SIGHTING, sighting_of_ref: IPV4['id'] },
      '$.sighting_of_ref',
      'sighting_of_ref of sighting must point at any SDO, not ipv4-addr',
    ],
    [
      'observed-data object_refs → indicator',
      { ...OBSERVED_DATA, object_refs: [INDICATOR['id'], IPV4['id']] },
      '$.object_refs[0]',
      'object_refs of observed-data must point at any SCO, any SRO, not indicator',
    ],
    [
      'process parent_ref → file',
      { ...PROCESS, parent_ref: FILE['id'] },
      '$.parent_ref',
      'parent_ref of process must point at process, not file',
    ],
    [
      'network-traffic dst_ref → file',
      withScoId({ ...NETWORK_TRAFFIC, type: 'network-traffic', dst_ref: FILE['id'] }),
      '$.dst_ref',
      'dst_ref of network-traffic must point at ipv4-addr, ipv6-addr, mac-addr, domain-name, not file',
    ],
    [
      'granular_markings[0].marking_ref → identity',
      {
        ...INDICATOR,
        granular_markings: [
          { marking_ref: TLP_WHITE['id'], selectors: ['pattern'] },
          { marking_ref: IDENTITY['id'], selectors: ['name'] },
        ].reverse(),
      },
      '$.granular_markings[0].marking_ref',
      'granular_markings.marking_ref of indicator must point at marking-definition, not identity',
    ],
  ];

  it.each(wrongTargets)('rejects %s', (_name, object, path, message) => {
    const issue = only(validator.validateObject(object), 'KSTORM_STIX_REF_TARGET');
    expect(issue).toMatchObject({ severity: 'error', path, message });
  });

  it('accepts allowed targets for the same properties', () => {
    const objects: Json[] = [
      { ...INDICATOR, created_by_ref: IDENTITY['id'], object_marking_refs: [TLP_WHITE['id']] },
      { ...SIGHTING, observed_data_refs: [OBSERVED_DATA['id']], where_sighted_refs: [IDENTITY['id']] },
      { ...OBSERVED_DATA, object_refs: [IPV4['id'], NETWORK_TRAFFIC['id'], SIGHTING['id']] },
      { ...PROCESS, parent_ref: 'process--e3a1b0c2-6d0f-4a8b-9c3d-2f1e0a9b8c7d', image_ref: FILE['id'] },
      NETWORK_TRAFFIC,
    ];
    for (const object of objects) expect(validator.validateObject(object)).toEqual([]);
  });

  it('does not treat keys of a dictionary as references', () => {
    const object = { ...PROCESS, environment_variables: { GIT_REF_ref: 'x', PATHS_refs: 'y' } };
    expect(validator.validateObject(object)).toEqual([]);
  });

  it('checks a _refs item not being an identifier at its index', () => {
    const issue = only(
      validator.validateObject({ ...OBSERVED_DATA, object_refs: [IPV4['id'], 'ipv4-addr'] }),
      'KSTORM_STIX_REF_FORMAT',
    );
    expect(issue).toMatchObject({
      path: '$.object_refs[1]',
      message: 'object_refs must hold STIX identifiers (type--UUID), got "ipv4-addr"',
    });
  });
});

describe('extensions', () => {
  const user = { ...INDICATOR, extensions: { [DEF_ID]: { extension_type: 'property-extension', rank: 3 } } };
  const path = `$.extensions["${DEF_ID}"]`;

  it('rejects an extension-definition id with no definition in scope', () => {
    const issue = only(validator.validateObject(user), 'KSTORM_STIX_EXTENSION_UNDECLARED');
    expect(issue).toMatchObject({ severity: 'error', path, objectId: INDICATOR['id'] });
    expect(issue.message).toBe(
      `extension ${DEF_ID} is used but no extension-definition with that id is in scope`,
    );
  });

  it('accepts a definition that comes later in the same scope (validateAll)', () => {
    const definition = extensionDefinition(DEF_ID, ['property-extension']);
    expect(validator.validateAll([user, definition])).toEqual([]);
    expect(validator.validateAll([{ type: 'bundle', id: BUNDLE_ID, objects: [user, definition] }])).toEqual(
      [],
    );
  });

  it('accepts a definition that comes later in the same session, deciding at finish()', () => {
    const session = validator.session();
    expect(session.addObject(user)).toEqual([]);
    expect(session.addObject(extensionDefinition(DEF_ID, ['property-extension']))).toEqual([]);
    expect(session.finish()).toEqual([]);
    expect(session.counts).toEqual({ objects: 2, invalidObjects: 0, errors: 0, warnings: 0 });
  });

  it('reports a definition still missing at finish()', () => {
    const session = validator.session();
    expect(session.addObject(user)).toEqual([]);
    const issues = session.finish();
    expect(only(issues, 'KSTORM_STIX_EXTENSION_UNDECLARED').path).toBe(path);
    expect(session.counts).toEqual({ objects: 1, invalidObjects: 1, errors: 1, warnings: 0 });
  });

  it('rejects an extension used as a type its definition does not declare', () => {
    const misused = {
      ...INDICATOR,
      extensions: { [DEF_ID]: { extension_type: 'toplevel-property-extension' } },
    };
    const issues = validator.validateAll([extensionDefinition(DEF_ID, ['property-extension']), misused]);
    const issue = only(issues, 'KSTORM_STIX_EXTENSION_TYPE');
    expect(issue).toMatchObject({ severity: 'error', path, objectId: INDICATOR['id'] });
    expect(issue.message).toBe(
      'extension "acme-extension" is used as toplevel-property-extension, but its definition declares only property-extension',
    );
  });

  it('rejects a new-sdo extension on a standard STIX type', () => {
    const misused = { ...INDICATOR, extensions: { [DEF_ID]: { extension_type: 'new-sdo' } } };
    const issues = validator.validateAll([extensionDefinition(DEF_ID, ['new-sdo']), misused]);
    const issue = only(issues, 'KSTORM_STIX_EXTENSION_TYPE');
    expect(issue.message).toBe('new-sdo extension "acme-extension" cannot apply to the STIX type indicator');
  });

  it('rejects an -ext name that is not predefined for the type', () => {
    const file = withScoId({
      ...FILE,
      type: 'file',
      extensions: { 'tcp-ext': { src_flags_hex: '00000002' } },
    });
    const issue = only(validator.validateObject(file), 'KSTORM_STIX_EXTENSION_PREDEFINED');
    expect(issue).toMatchObject({ severity: 'error', path: '$.extensions["tcp-ext"]' });
    expect(issue.message).toBe(
      '"tcp-ext" is not a predefined extension of file (those are archive-ext, ntfs-ext, pdf-ext, ' +
        'raster-image-ext, windows-pebinary-ext); declare custom extensions with an extension-definition',
    );
    const onIndicator = only(
      validator.validateObject({ ...INDICATOR, extensions: { 'acme-ext': {} } }),
      'KSTORM_STIX_EXTENSION_PREDEFINED',
    );
    expect(onIndicator.message).toBe(
      '"acme-ext" is not a predefined extension of indicator (it has none); declare custom extensions with an extension-definition',
    );
  });

  it('accepts a predefined extension on its type', () => {
    const traffic = withScoId({
      ...NETWORK_TRAFFIC,
      type: 'network-traffic',
      extensions: { 'tcp-ext': { src_flags_hex: '00000002' } },
    });
    expect(validator.validateObject(traffic)).toEqual([]);
  });

  it('rejects an extension key that is neither -ext nor an extension-definition id', () => {
    const issues = validator.validateObject({ ...PROCESS, extensions: { pod_name: 'web-1' } });
    const issue = only(issues, 'KSTORM_STIX_EXTENSION_UNDECLARED');
    expect(issue).toMatchObject({ severity: 'error', path: '$.extensions.pod_name' });
    expect(issue.message).toBe(
      'extension key "pod_name" is neither a predefined -ext name nor an extension-definition id',
    );
  });
});

describe('custom properties', () => {
  it.each([
    ['Bad-Name', '$["Bad-Name"]'],
    ['ab', '$.ab'],
  ])('rejects the malformed property name %s', (name, path) => {
    const issue = only(
      validator.validateObject({ ...INDICATOR, [name]: 1 }),
      'KSTORM_STIX_CUSTOM_PROPERTY_NAME',
    );
    expect(issue).toMatchObject({ severity: 'error', path });
    expect(issue.message).toBe(`property name "${name}" must be 3-250 characters of a-z, 0-9 and _`);
  });

  it('warns about an undeclared well-formed custom property, an error in strict mode', () => {
    const object = { ...INDICATOR, x_foo: 'bar' };
    const expected = {
      code: 'KSTORM_STIX_CUSTOM_PROPERTY',
      path: '$.x_foo',
      message: 'x_foo is not an indicator property and no toplevel-property-extension in use declares it',
      objectId: INDICATOR['id'],
      objectType: 'indicator',
    };
    expect(validator.validateObject(object)).toEqual([{ ...expected, severity: 'warning' }]);
    expect(strict.validateObject(object)).toEqual([{ ...expected, severity: 'error' }]);
  });

  it('adds the x_ advice for a legacy custom property without the prefix', () => {
    const issue = only(validator.validateObject({ ...INDICATOR, foo_bar: 1 }), 'KSTORM_STIX_CUSTOM_PROPERTY');
    expect(issue.message).toBe(
      'foo_bar is not an indicator property and no toplevel-property-extension in use declares it ' +
        '(legacy custom properties should also start with x_)',
    );
  });

  it('accepts a custom property declared by a toplevel-property-extension in use', () => {
    const definition = extensionDefinition(DEF_ID, ['toplevel-property-extension'], ['x_foo']);
    const object = {
      ...INDICATOR,
      x_foo: 'bar',
      extensions: { [DEF_ID]: { extension_type: 'toplevel-property-extension' } },
    };
    expect(strict.validateAll([definition, object])).toEqual([]);
    expect(strict.validateAll([object, definition])).toEqual([]);
    // Declared, but not in use by this object: still a custom property.
    expect(
      withCode(
        strict.validateAll([definition, { ...INDICATOR, x_foo: 'bar' }]),
        'KSTORM_STIX_CUSTOM_PROPERTY',
      ),
    ).toHaveLength(1);
  });
});

describe('bundles and sessions', () => {
  it('accepts a bundle envelope of type, id and objects', () => {
    expect(
      validator.validateObject({ type: 'bundle', id: BUNDLE_ID, objects: [INDICATOR, IDENTITY] }),
    ).toEqual([]);
  });

  it('rejects spec_version on a bundle with the 2.1 explanation', () => {
    const issues = validator.validateObject({
      type: 'bundle',
      id: BUNDLE_ID,
      spec_version: '2.1',
      objects: [],
    });
    expect(issues).toEqual([
      {
        code: 'KSTORM_STIX_SCHEMA',
        severity: 'error',
        objectId: BUNDLE_ID,
        objectType: 'bundle',
        path: '$.spec_version',
        message: 'a STIX 2.1 bundle has no spec_version (it was removed in 2.1; each object carries its own)',
      },
    ]);
  });

  it('rejects other extra bundle properties and a non-array objects', () => {
    const issues = validator.validateObject({ type: 'bundle', id: BUNDLE_ID, name: 'x', objects: {} });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['$.name', 'a bundle has only type, id and objects; "name" is not allowed'],
      ['$.objects', 'objects must be an array'],
    ]);
  });

  it('counts objects, invalid objects, errors and warnings; a bundle envelope is not an object', () => {
    const session = validator.session();
    session.addBundleEnvelope({ type: 'bundle', id: BUNDLE_ID });
    session.addObject(INDICATOR);
    session.addObject({ ...INDICATOR, modified: '2020-01-01T00:00:00Z', valid_from: 'yesterday' });
    session.addObject({ ...INDICATOR, x_one: 1, x_two: 2 });
    session.addObject('not an object');
    session.finish();
    expect(session.counts).toEqual({ objects: 4, invalidObjects: 2, errors: 3, warnings: 2 });
  });

  it('counts the objects inside a bundle and the bundle envelope errors', () => {
    const session = validator.session();
    const issues = session.addObject({
      type: 'bundle',
      id: BUNDLE_ID,
      spec_version: '2.1',
      objects: [INDICATOR, { ...INDICATOR, id: 'indicator--1' }],
    });
    expect(issues.map((i) => i.code)).toEqual(['KSTORM_STIX_SCHEMA', 'KSTORM_STIX_ID_FORMAT']);
    expect(session.counts).toEqual({ objects: 2, invalidObjects: 1, errors: 2, warnings: 0 });
  });

  it('passes the source location through to the issues, also for held-back objects', () => {
    const session = validator.session();
    const location = { index: 3, line: 7, column: 2 };
    const [issue] = session.addObject({ ...INDICATOR, modified: '2020-01-01T00:00:00Z' }, location);
    expect(issue?.location).toEqual(location);
    const user = { ...INDICATOR, extensions: { [DEF_ID]: { extension_type: 'property-extension' } } };
    expect(session.addObject(user, { index: 4, line: 9 })).toEqual([]);
    expect(session.finish()).toEqual([
      expect.objectContaining({ code: 'KSTORM_STIX_EXTENSION_UNDECLARED', location: { index: 4, line: 9 } }),
    ]);
    expect(
      validator.validateObject({ ...INDICATOR, modified: '2020-01-01T00:00:00Z' })[0],
    ).not.toHaveProperty('location');
  });
});

describe('hostile input', () => {
  const huge = 'a'.repeat(100_000);

  it('handles a 100,000-character id with a short message', () => {
    const issues = validator.validateObject({ ...INDICATOR, id: `indicator--${huge}` });
    expect(only(issues, 'KSTORM_STIX_ID_FORMAT').path).toBe('$.id');
    for (const issue of issues) {
      expect(issue.message.length).toBeLessThan(400);
      expect((issue.objectId ?? '').length).toBeLessThanOrEqual(300);
    }
  });

  it('handles a 100,000-character property name with a short message', () => {
    const issues = validator.validateObject({ ...INDICATOR, [`X${huge}`]: 1, [huge]: 2 });
    expect(issues.length).toBeGreaterThanOrEqual(2);
    for (const issue of issues) expect(issue.message.length).toBeLessThan(400);
    expect(withCode(issues, 'KSTORM_STIX_CUSTOM_PROPERTY_NAME')).toHaveLength(2);
  });

  it('handles a 100,000-character reference, extension key and type with short messages', () => {
    const issues = [
      ...validator.validateObject({ ...INDICATOR, created_by_ref: `identity--${huge}` }),
      ...validator.validateObject({
        ...INDICATOR,
        extensions: { [`${huge}-ext`]: { a: 1 }, [huge]: { a: 1 } },
      }),
      ...validator.validateObject({ ...INDICATOR, type: huge }),
    ];
    expect(codes(issues)).toEqual([
      'KSTORM_STIX_EXTENSION_PREDEFINED',
      'KSTORM_STIX_EXTENSION_UNDECLARED',
      'KSTORM_STIX_REF_FORMAT',
      'KSTORM_STIX_SCHEMA',
    ]);
    for (const issue of issues) expect(issue.message.length).toBeLessThan(400);
  });

  // Messages that name attacker-controlled text (types, keys, definition names) must stay short.
  const unbounded: [string, unknown[]][] = [
    [
      'the type in ID_FORMAT',
      [{ ...INDICATOR, type: huge, id: `${huge}--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f` }],
    ],
    [
      'the type in ID_TYPE_MISMATCH and ID_VERSION',
      [{ ...INDICATOR, type: huge, id: `indicator--${V1_UUID}` }],
    ],
    ['the type in REF_TARGET', [{ ...INDICATOR, type: huge, created_by_ref: INDICATOR['id'] }]],
    ['the property path in REF_FORMAT', [{ ...INDICATOR, x_foo: { [`${huge}_ref`]: 'x' } }]],
    [
      'the definition name in EXTENSION_TYPE',
      [
        { ...extensionDefinition(DEF_ID, ['property-extension']), name: huge },
        { ...INDICATOR, extensions: { [DEF_ID]: { extension_type: 'toplevel-property-extension' } } },
      ],
    ],
    [
      'the extension_type in EXTENSION_TYPE',
      [
        extensionDefinition(DEF_ID, ['property-extension']),
        { ...INDICATOR, extensions: { [DEF_ID]: { extension_type: huge } } },
      ],
    ],
  ];
  it.each(unbounded)('keeps %s short', (_name, objects) => {
    const issues = validator.validateAll(objects);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.message.length).toBeLessThan(400);
  });

  it('does not throw on nesting 10,000 levels deep', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i += 1) deep = { x_next: deep, list: [1] };
    const objects = [
      { ...INDICATOR, x_deep: deep },
      { ...PROCESS, environment_variables: { DEEP: deep } },
      { ...INDICATOR, extensions: { 'acme-ext': deep } },
      { ...OBSERVED_DATA, x_deep: deep, object_refs: [IPV4['id']] },
      withScoId({ type: 'mutex', spec_version: '2.1', name: 'deep' }),
    ];
    for (const object of objects) expect(() => validator.validateObject(object)).not.toThrow();
    expect(
      only(validator.validateObject({ ...INDICATOR, x_deep: deep }), 'KSTORM_STIX_CUSTOM_PROPERTY').path,
    ).toBe('$.x_deep');
  });

  it('finishes on a type that makes the OASIS type pattern backtrack catastrophically', () => {
    const type = `${'a'.repeat(44)}!`;
    const id = `${type}--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f`;
    // Unknown type: rejected before any schema runs.
    expect(validator.validateObject({ ...INDICATOR, type, id }).map((i) => i.code)).toContain(
      'KSTORM_STIX_UNKNOWN_TYPE',
    );
    // Declared as a custom SDO: the common core schema (and its type pattern) does run.
    const custom = { ...INDICATOR, type, id, extensions: { [DEF_ID]: { extension_type: 'new-sdo' } } };
    const issues = validator.validateAll([extensionDefinition(DEF_ID, ['new-sdo']), custom]);
    expect(issues.some((i) => i.code === 'KSTORM_STIX_SCHEMA' && i.path === '$.type')).toBe(true);
  });

  it('does not let IPV4_DST and IPV4 share an id (builders sanity check)', () => {
    expect(IPV4_DST['id']).not.toBe(IPV4['id']);
  });
});
