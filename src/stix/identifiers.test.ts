// Deterministic SCO ids checked against known vectors. The expected ids were computed independently
// (Python's uuid.uuid5 over json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=False)) and
// the first one equals the example the STIX 2.1 specification itself gives in §2.9.
import { describe, expect, it } from 'vitest';
import {
  expectedScoIdentifier,
  idContributingJson,
  namedIdentifier,
  parseIdentifier,
  processIdentifier,
  randomIdentifier,
  STIX_SCO_NAMESPACE,
  scoIdentifier,
} from './identifiers.js';

const VECTORS: [Record<string, unknown> & { type: string }, string][] = [
  [{ type: 'ipv4-addr', value: '198.51.100.3' }, 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4'],
  [
    { type: 'ipv6-addr', value: '2001:0db8:85a3:0000:0000:8a2e:0370:7334' },
    'ipv6-addr--85a85a8c-ee99-5722-946d-3c3a3270fc6f',
  ],
  [{ type: 'domain-name', value: 'example.com' }, 'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7'],
  [{ type: 'domain-name', value: 'münchen.example' }, 'domain-name--ec84ab45-ecbb-5f68-840c-b4b7d70cb21d'],
  [{ type: 'directory', path: '/var/log' }, 'directory--7b3ffd65-e78b-584d-beb9-1af4dfd71b45'],
  [
    {
      type: 'user-account',
      account_type: 'unix',
      user_id: '1001',
      account_login: 'jdoe',
      display_name: 'ignored',
    },
    'user-account--f94d689e-707d-58c3-b803-c720bb6ed096',
  ],
  [
    {
      type: 'software',
      name: 'Word',
      cpe: 'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*',
      vendor: 'Microsoft',
      version: '2002',
      languages: ['en'],
    },
    'software--710b0b41-d4d0-5d6c-a400-fc9254554ffc',
  ],
  [
    {
      type: 'network-traffic',
      src_ref: 'ipv4-addr--1',
      dst_ref: 'ipv4-addr--2',
      src_port: 12345,
      dst_port: 22,
      protocols: ['ipv4', 'tcp'],
      is_active: true,
    },
    'network-traffic--c048b5c3-ee71-5070-9fad-f03c84c1eb7a',
  ],
  [
    {
      type: 'file',
      name: 'passwd',
      parent_directory_ref: 'directory--1e1b66c8-4a3b-5ae8-9c93-1a0a5d9c2f11',
      size: 9,
    },
    'file--0477bff6-e4bc-56b8-90d2-12a448256b08',
  ],
  [
    { type: 'artifact', payload_bin: 'VBORw0KGgoAAAANSUhEUgAAADI=' },
    'artifact--9a35e991-afc2-5382-b19a-f9b3bd6e3365',
  ],
];

describe('deterministic SCO identifiers (STIX 2.1 §2.9)', () => {
  it.each(VECTORS)('%o → %s', (object, expected) => {
    expect(scoIdentifier(object)).toBe(expected);
    expect(expectedScoIdentifier(object)).toBe(expected);
  });

  it('uses exactly one hash, preferring MD5, then SHA-1, SHA-256, SHA-512', () => {
    const sha256 = 'ceafbfd424be2ca4a5f0402cae090dda2fb0526cf521b60b60077c0f622b285a';
    const only256 = { type: 'file', name: 'qwerty.dll', hashes: { 'SHA-256': sha256 } };
    expect(scoIdentifier(only256)).toBe('file--7cdc1fbe-5cfd-5e09-8e87-648a1cf1080c');
    // Adding a SHA-512 does not change the id: SHA-256 is preferred over it.
    expect(scoIdentifier({ ...only256, hashes: { 'SHA-512': 'ab'.repeat(64), 'SHA-256': sha256 } })).toBe(
      'file--7cdc1fbe-5cfd-5e09-8e87-648a1cf1080c',
    );
    expect(idContributingJson({ type: 'file', hashes: { 'SHA-1': 'x', MD5: 'y' } })).toBe(
      '{"hashes":{"MD5":"y"}}',
    );
  });

  it('canonicalises per RFC 8785: key order and number forms do not matter', () => {
    const a = idContributingJson({
      type: 'network-traffic',
      dst_port: 22.0,
      src_port: 1e3,
      protocols: ['tcp'],
    });
    expect(a).toBe('{"dst_port":22,"protocols":["tcp"],"src_port":1000}');
  });

  it('falls back to a random UUIDv4 when no contributing property is present', () => {
    const first = scoIdentifier({ type: 'ipv4-addr' });
    const second = scoIdentifier({ type: 'ipv4-addr' });
    expect(first).not.toBe(second);
    expect(parseIdentifier(first)?.uuidVersion).toBe(4);
    expect(expectedScoIdentifier({ type: 'ipv4-addr' })).toBeUndefined();
  });

  it('process ids come from the exec id in kstorm’s namespace, never the STIX one', () => {
    const id = processIdentifier('OjEyMzQ1Njc4OTA6MTIzNA==');
    expect(id).toBe(processIdentifier('OjEyMzQ1Njc4OTA6MTIzNA=='));
    expect(id).not.toBe(processIdentifier('OjEyMzQ1Njc4OTA6MTIzNA==', 'other-cluster'));
    expect(parseIdentifier(id)?.uuidVersion).toBe(5);
    expect(id).not.toBe(namedIdentifier('process', 'OjEyMzQ1Njc4OTA6MTIzNA==', STIX_SCO_NAMESPACE));
    expect(() => processIdentifier('')).toThrow(/non-empty exec id/);
  });
});

describe('parseIdentifier', () => {
  it('accepts type--UUID and reports the version', () => {
    expect(parseIdentifier('indicator--e2e1a340-4415-4ba8-9671-f7343fbf0836')).toEqual({
      type: 'indicator',
      uuid: 'e2e1a340-4415-4ba8-9671-f7343fbf0836',
      uuidVersion: 4,
    });
    expect(parseIdentifier(randomIdentifier('x-k8s-pod'))?.type).toBe('x-k8s-pod');
  });

  it.each([
    'indicator--abcd1111-2222-3333-4444-555566667777', // variant bits wrong
    'attack-pattern--kh-ce-nsenter',
    'indicator-e2e1a340-4415-4ba8-9671-f7343fbf0836',
    'Indicator--e2e1a340-4415-4ba8-9671-f7343fbf0836x',
    'process--250423T1022320588a138a1e32000123865g',
    '',
    `${'a'.repeat(1000)}--e2e1a340-4415-4ba8-9671-f7343fbf0836`,
  ])('rejects %s', (id) => {
    expect(parseIdentifier(id)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(parseIdentifier(42)).toBeUndefined();
    expect(parseIdentifier(null)).toBeUndefined();
  });
});
