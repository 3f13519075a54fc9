import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureNames, fixtureObject, fixtureRecord, fixtureRecords } from './fixtures.test-support.js';
import { decodeFalco, falcoDecoder, recognisesFalco } from './index.js';

function decodeOne(value: unknown) {
  const decoded = decodeFalco(value);
  expect(decoded).toHaveLength(1);
  const [first] = decoded;
  if (first === undefined) throw new Error('no result');
  return first;
}

function rejectionOf(value: unknown) {
  const result = decodeOne(value);
  if (result.ok) throw new Error('expected a rejection');
  return result.rejection;
}

describe('falco decoder', () => {
  it('recognises and decodes every fixture', () => {
    for (const name of fixtureNames()) {
      for (const { value } of fixtureRecords(name)) {
        expect(recognisesFalco(value), name).toBe(true);
        expect(decodeOne(value).ok, name).toBe(true);
      }
    }
  });

  it('reads falcosidekick README body: top-level fields and output_fields as written', () => {
    const result = decodeOne(fixtureRecord('falcosidekick-readme-http-post-body.json').value);
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.raw).toBeUndefined();
    expect(result.event).toMatchObject({
      rule: 'Write below binary dir',
      priority: 'Error',
      time: '2019-05-17T15:31:56.746609046Z',
      hostname: 'localhost',
    });
    expect(result.event.source).toBeUndefined();
    expect(result.event.outputFields['fd.name']).toBe('/bin/hack');
  });

  it('keeps uuid, source and tags of an http_output body', () => {
    const result = decodeOne(fixtureRecord('CONSTRUCTED_http-output-body.json').value);
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.event.uuid).toBe('e8a4c6f2-1b3d-4f5e-8a7b-9c0d1e2f3a4b');
    expect(result.event.source).toBe('syscall');
    expect(result.event.tags).toContain('T1059');
  });

  it('does not recognise other sensors or near misses', () => {
    expect(recognisesFalco({ rule: 'x', priority: 'Notice' })).toBe(false);
    expect(recognisesFalco({ rule: 1, priority: 'Notice', output: 'o' })).toBe(false);
    expect(recognisesFalco({ kind: 'Event', apiVersion: 'audit.k8s.io/v1' })).toBe(false);
    expect(recognisesFalco({ process_exec: {}, node_name: 'n', time: '2024-01-01T00:00:00Z' })).toBe(false);
    expect(recognisesFalco({ BaseRuntimeMetadata: {}, RuleID: 'R0001', message: 'm' })).toBe(false);
    expect(recognisesFalco([fixtureObject('falcosidekick-readme-http-post-body.json')])).toBe(false);
    expect(recognisesFalco(null)).toBe(false);
  });

  it('accepts an alert without output (json_include_output_property: false) when it has a time', () => {
    const alert = fixtureObject('CONSTRUCTED_syscall-alerts.jsonl');
    delete alert['output'];
    expect(recognisesFalco(alert)).toBe(true);
    expect(decodeOne(alert).ok).toBe(true);
  });

  it('rejects missing or mistyped top-level fields, naming the path', () => {
    expect(rejectionOf('text')).toMatchObject({ code: 'KSTORM_EVENT_SHAPE', path: '$' });
    const noRule = fixtureObject('CONSTRUCTED_syscall-alerts.jsonl');
    delete noRule['rule'];
    expect(rejectionOf(noRule)).toMatchObject({ code: 'KSTORM_EVENT_SHAPE', path: '$.rule' });
    const badTags = { ...fixtureObject('CONSTRUCTED_syscall-alerts.jsonl'), tags: ['T1555', 7] };
    expect(rejectionOf(badTags)).toMatchObject({ path: '$.tags[1]' });
    const badFields = { ...fixtureObject('CONSTRUCTED_syscall-alerts.jsonl'), output_fields: ['x'] };
    expect(rejectionOf(badFields)).toMatchObject({ path: '$.output_fields' });
    const badTime = { ...fixtureObject('CONSTRUCTED_syscall-alerts.jsonl'), time: 1_700_000_000 };
    expect(rejectionOf(badTime)).toMatchObject({ path: '$.time' });
  });

  it('treats __proto__ and constructor keys as plain data', () => {
    const text = fixtureRecord('CONSTRUCTED_syscall-alerts.jsonl').text.replace(
      '"output_fields":{',
      '"__proto__":{"polluted":true},"constructor":"x","output_fields":{"__proto__":{"rule":"evil"},',
    );
    const result = decodeOne(JSON.parse(text));
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.event.rule).toBe('Read sensitive file untrusted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        falcoDecoder.recognises(value);
        expect(Array.isArray(falcoDecoder.decode(value))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
