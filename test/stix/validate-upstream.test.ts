/**
 * STIX produced by k8sstormcenter projects, known not to be valid STIX 2.1. Fixtures: test/fixtures/upstream-stix,
 * copied unmodified from k8sstormcenter/threatintel and k8sstormcenter/soc (Apache-2.0; repositories, paths and
 * commits in NOTICE.md there). Each file must be rejected for the right reasons: non-UUID ids, undeclared
 * extensions, offset-plus-Z timestamps, references to bundles and bundle envelopes with spec_version.
 * hive-sentinel-kubescape-stix-rows.json holds database rows whose `data` is a JSON string of STIX objects.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createValidator, type StixValidator, type ValidationIssue } from '../../src/stix/index.js';
import { errors, type Json, readFixture, withCode } from './builders.js';

let validator: StixValidator;

beforeAll(() => {
  validator = createValidator();
});

/** Validates a fixture file's content (a bundle, or an array of bundles/objects) as one scope. */
function validateFile(name: string): ValidationIssue[] {
  const content = readFixture(`upstream-stix/${name}`);
  return validator.validateAll(Array.isArray(content) ? content : [content]);
}

/** The issue with `code` about `objectId` at `path`; fails unless there is exactly one. */
function issueAt(
  issues: readonly ValidationIssue[],
  code: string,
  objectId: string,
  path: string,
): ValidationIssue {
  const found = issues.filter((i) => i.code === code && i.objectId === objectId && i.path === path);
  expect(found, `${code} for ${objectId} at ${path}`).toHaveLength(1);
  return found[0] as ValidationIssue;
}

const BUNDLE_SPEC_VERSION =
  'a STIX 2.1 bundle has no spec_version (it was removed in 2.1; each object carries its own)';
const OFFSET_AND_Z = /^[a-z_]+: timestamp "[^"]+\+00:00Z" has both an offset and 'Z'; use only 'Z'$/;

describe('threatintel-attack-model-hostpath.json', () => {
  let issues: ValidationIssue[];
  beforeAll(() => {
    issues = validateFile('threatintel-attack-model-hostpath.json');
  });

  it('rejects its made-up ids as not UUIDs', () => {
    const id = 'attack-pattern--abcd1234-efgh-5678-ijkl-910mnopqrst';
    expect(issueAt(issues, 'KSTORM_STIX_ID_FORMAT', id, '$.id')).toMatchObject({
      severity: 'error',
      objectType: 'attack-pattern',
      message: `id "${id}" is not of the form attack-pattern--<RFC 4122 UUID>`,
    });
    // Hex-looking, but its version digit (6) is not an RFC 4122 version.
    const intrusionSet = 'intrusion-set--00112233-4455-6677-8899-aabbccddeeff';
    expect(issueAt(issues, 'KSTORM_STIX_ID_FORMAT', intrusionSet, '$.id').severity).toBe('error');
    expect(withCode(issues, 'KSTORM_STIX_ID_FORMAT').length).toBeGreaterThanOrEqual(20);
  });

  it('rejects relationships whose refs carry those ids', () => {
    const issue = issueAt(
      issues,
      'KSTORM_STIX_REF_FORMAT',
      'relationship--1111aaaa-2222-bbbb-3333-cccc4444dddd',
      '$.target_ref',
    );
    expect(issue.message).toBe(
      'target_ref must hold STIX identifiers (type--UUID), got "attack-pattern--abcd1234-efgh-5678-ijkl-910mnopqrst"',
    );
  });

  it('rejects the bundle spec_version', () => {
    expect(
      issueAt(issues, 'KSTORM_STIX_SCHEMA', 'bundle--3b3d4e1b-4e4d-4e7c-834d-437eab41a5d3', '$.spec_version')
        .message,
    ).toBe(BUNDLE_SPEC_VERSION);
  });

  it('reports objects missing the required common properties', () => {
    const missing = issues
      .filter((i) => i.objectId === 'intrusion-set--00112233-4455-6677-8899-aabbccddeeff' && i.path === '$')
      .map((i) => i.message);
    expect(missing).toEqual(
      expect.arrayContaining(['required property "spec_version" is missing (schema keyword required)']),
    );
  });
});

describe('lightening-rod-kubehound-indicator-bundles.json', () => {
  let issues: ValidationIssue[];
  beforeAll(() => {
    issues = validateFile('lightening-rod-kubehound-indicator-bundles.json');
  });

  it('rejects slug ids and numeric bundle ids as not UUIDs', () => {
    expect(issueAt(issues, 'KSTORM_STIX_ID_FORMAT', 'indicator--kh-ce-nsenter', '$.id').message).toBe(
      'id "indicator--kh-ce-nsenter" is not of the form indicator--<RFC 4122 UUID>',
    );
    expect(issueAt(issues, 'KSTORM_STIX_ID_FORMAT', '1', '$.id').message).toBe(
      'id "1" is not of the form bundle--<RFC 4122 UUID>',
    );
  });

  it('rejects each bundle envelope with spec_version and extra properties', () => {
    const envelopes = issues.filter((i) => i.objectType === 'bundle' && i.code === 'KSTORM_STIX_SCHEMA');
    expect(envelopes.filter((i) => i.path === '$.spec_version').map((i) => i.message)).toEqual(
      Array(7).fill(BUNDLE_SPEC_VERSION),
    );
    expect(issueAt(issues, 'KSTORM_STIX_SCHEMA', '1', '$.name').message).toBe(
      'a bundle has only type, id and objects; "name" is not allowed',
    );
  });
});

describe('threatintel-tetragon-observable.json', () => {
  let issues: ValidationIssue[];
  beforeAll(() => {
    issues = validateFile('threatintel-tetragon-observable.json');
  });

  it('rejects Tetragon fields put directly into extensions', () => {
    const process = 'process--8afdc739-2c3b-4c7e-8890-7742c0c8f8cd';
    expect(
      issueAt(issues, 'KSTORM_STIX_EXTENSION_UNDECLARED', process, '$.extensions.pod_name'),
    ).toMatchObject({
      severity: 'error',
      objectType: 'process',
      message: 'extension key "pod_name" is neither a predefined -ext name nor an extension-definition id',
    });
    const undeclared = withCode(issues, 'KSTORM_STIX_EXTENSION_UNDECLARED').map((i) => i.path);
    expect(undeclared).toEqual(
      expect.arrayContaining(['$.extensions.namespace', '$.extensions.container_id', '$.extensions.docker']),
    );
  });

  it('rejects an id whose UUID has a non-hex digit, and the references to it', () => {
    const bad = 'file--3c4b7b8c-2e6e-4c8b-bc5e-7c2e4b5a2d3l';
    expect(issueAt(issues, 'KSTORM_STIX_ID_FORMAT', bad, '$.id').severity).toBe('error');
    expect(
      issueAt(
        issues,
        'KSTORM_STIX_REF_FORMAT',
        'observed-data--5f2d4e5b-3d4e-4e7c-834d-437eab41a5d3',
        '$.object_refs[3]',
      ).message,
    ).toBe(`object_refs must hold STIX identifiers (type--UUID), got "${bad}"`);
  });

  it('rejects the bundle spec_version', () => {
    expect(
      issueAt(issues, 'KSTORM_STIX_SCHEMA', 'bundle--3b3d4e1b-4e4d-4e7c-834d-437eab41a5d3', '$.spec_version')
        .message,
    ).toBe(BUNDLE_SPEC_VERSION);
  });
});

describe('hive-sentinel-matched-bundles.json', () => {
  let issues: ValidationIssue[];
  let bundleIds: string[];
  beforeAll(() => {
    issues = validateFile('hive-sentinel-matched-bundles.json');
    bundleIds = (readFixture('upstream-stix/hive-sentinel-matched-bundles.json') as Json[]).map(
      (b) => b['id'] as string,
    );
  });

  it('rejects sensor fields put directly into a process extensions', () => {
    // The same process (and id) recurs in several of the bundles.
    const process = 'process--250423T1022320588a138a1e32000123865g';
    const about = issues.filter((i) => i.objectId === process);
    const podName = about.filter(
      (i) => i.code === 'KSTORM_STIX_EXTENSION_UNDECLARED' && i.path === '$.extensions.pod_name',
    );
    expect(podName.length).toBeGreaterThan(0);
    for (const issue of podName) {
      expect(issue.message).toBe(
        'extension key "pod_name" is neither a predefined -ext name nor an extension-definition id',
      );
    }
    expect(about.filter((i) => i.code === 'KSTORM_STIX_ID_FORMAT')).toHaveLength(podName.length);
  });

  it('rejects timestamps with an offset followed by Z', () => {
    const issue = issueAt(
      issues,
      'KSTORM_STIX_TIMESTAMP',
      'observed-data--a71d0042-eab3-4bc2-9142-18c446a6da49',
      '$.first_observed',
    );
    expect(issue.message).toBe(
      `first_observed: timestamp "2025-05-14T13:51:04.481329+00:00Z" has both an offset and 'Z'; use only 'Z'`,
    );
    const timestamps = withCode(issues, 'KSTORM_STIX_TIMESTAMP');
    expect(timestamps.length).toBeGreaterThanOrEqual(8 * 4);
    for (const t of timestamps) expect(t.message).toMatch(OFFSET_AND_Z);
  });

  it('rejects relationships whose source_ref is a bundle id', () => {
    const issue = issueAt(
      issues,
      'KSTORM_STIX_REF_TARGET',
      'relationship--776bddca-b49d-464b-98c0-4bc7cb59af84',
      '$.source_ref',
    );
    expect(issue.message).toBe(
      'source_ref points at bundle "bundle--2f6bf650-6705-4b18-9eb2-72d4965d9225"; a bundle is a transport ' +
        'envelope, not an object to reference',
    );
    const targets = withCode(issues, 'KSTORM_STIX_REF_TARGET');
    expect(targets).toHaveLength(8);
    for (const t of targets) expect(bundleIds.some((id) => t.message.includes(`"${id}"`))).toBe(true);
  });

  it('rejects every bundle envelope for its spec_version', () => {
    const envelope = issues.filter((i) => i.objectType === 'bundle');
    expect(envelope.map((i) => [i.code, i.path, i.message])).toEqual(
      Array(8).fill(['KSTORM_STIX_SCHEMA', '$.spec_version', BUNDLE_SPEC_VERSION]),
    );
  });
});

describe('hive-sentinel-kubescape-stix-rows.json', () => {
  const rows = readFixture('upstream-stix/hive-sentinel-kubescape-stix-rows.json') as Json[];
  const objects = rows.flatMap((row) => JSON.parse(row['data'] as string) as Json[]);
  let issues: ValidationIssue[];
  beforeAll(() => {
    issues = validator.validateAll(objects);
  });

  it('holds rows of JSON strings, not STIX objects', () => {
    expect(rows.length).toBe(32);
    expect(objects.length).toBe(64);
    const raw = validator.validateAll(rows);
    expect(raw).toHaveLength(rows.length);
    for (const issue of raw) {
      expect(issue).toMatchObject({
        code: 'KSTORM_STIX_SCHEMA',
        path: '$',
        message: 'a STIX object is a JSON object with a string "type"',
      });
    }
  });

  it('rejects the embedded process ids as not UUIDs', () => {
    const id = 'process--250715T1521442804935e4da811000848620';
    expect(issueAt(issues, 'KSTORM_STIX_ID_FORMAT', id, '$.id').message).toBe(
      `id "${id}" is not of the form process--<RFC 4122 UUID>`,
    );
    const processes = objects.filter((o) => o['type'] === 'process').length;
    expect(withCode(issues, 'KSTORM_STIX_ID_FORMAT')).toHaveLength(processes);
  });

  it('rejects the undeclared extensions of processes and observed-data', () => {
    const paths = new Set(withCode(issues, 'KSTORM_STIX_EXTENSION_UNDECLARED').map((i) => i.path));
    for (const path of [
      '$.extensions.pod_name',
      '$.extensions.container_id',
      '$.extensions["kprobe1.syscall"]',
      '$.extensions.alert_name',
      '$.extensions.rule_id',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('rejects the offset-plus-Z timestamps', () => {
    const timestamps = withCode(issues, 'KSTORM_STIX_TIMESTAMP');
    expect(new Set(timestamps.map((i) => i.path))).toEqual(
      new Set(['$.created_time', '$.first_observed', '$.last_observed']),
    );
    for (const t of timestamps) expect(t.message).toMatch(OFFSET_AND_Z);
  });

  it('leaves no embedded object valid', () => {
    const invalid = new Set(errors(issues).map((i) => i.objectId));
    for (const object of objects) expect(invalid).toContain(object['id']);
  });
});

describe('every upstream file', () => {
  it.each([
    'threatintel-attack-model-hostpath.json',
    'lightening-rod-kubehound-indicator-bundles.json',
    'threatintel-tetragon-observable.json',
    'hive-sentinel-matched-bundles.json',
  ])('%s is invalid and every issue message stays short', (name) => {
    const issues = validateFile(name);
    expect(errors(issues).length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.message.length).toBeLessThan(400);
  });
});
