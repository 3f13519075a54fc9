// The ingest pipeline on hostile input: every bad record becomes a counted dead letter with its reason
// and bytes, nothing throws, and good records around it are still accepted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Timestamp } from '../stix/index.js';
import { type IngestItem, Ingestor } from './ingest.js';

const AUDIT =
  '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a1","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods","verb":"list","user":{"username":"alice"},"sourceIPs":["203.0.113.9"],"objectRef":{"resource":"pods","namespace":"default","apiVersion":"v1"},"responseStatus":{"code":200},"requestReceivedTimestamp":"2026-11-23T09:00:00.000001Z","stageTimestamp":"2026-11-23T09:00:00.000002Z"}';
const FALCO =
  '{"output":"shell in container","priority":"Warning","rule":"Terminal shell in container","time":"2026-11-23T09:00:01.123456789Z","output_fields":{"proc.cmdline":"bash","container.id":"3f2a9c1e7b4d"},"source":"syscall","tags":["T1059","container"],"hostname":"node-1"}';

const fixed = () => Timestamp.parse('2026-11-23T10:00:00Z');
const letters = (items: IngestItem[]) => items.flatMap((i) => (i.ok ? [] : [i.deadLetter]));
const accepted = (items: IngestItem[]) => items.filter((i) => i.ok).length;

describe('Ingestor', () => {
  it('recognises the sensor of each record and counts by source', () => {
    const ingestor = new Ingestor({ now: fixed });
    expect(accepted(ingestor.record(AUDIT, 'a:1'))).toBe(1);
    expect(accepted(ingestor.record(FALCO, 'a:2'))).toBe(1);
    expect(ingestor.stats()).toMatchObject({
      records: 2,
      accepted: 2,
      rejected: 0,
      bySource: { 'k8s-audit': { accepted: 1, rejected: 0 }, falco: { accepted: 1, rejected: 0 } },
    });
  });

  it('splits a JSON array into records, each with its own location and raw text', () => {
    const items = new Ingestor().record(`[${AUDIT}, 42, ${FALCO}]`, 'f:1');
    expect(accepted(items)).toBe(2);
    expect(letters(items)).toMatchObject([
      { code: 'KSTORM_EVENT_UNKNOWN_SOURCE', location: 'f:1[1]', raw: '42' },
    ]);
  });

  it('dead-letters truncated JSON with the reason, the source and the bytes', () => {
    const ingestor = new Ingestor({ now: fixed, source: 'falco' });
    const [letter] = letters(ingestor.record(FALCO.slice(0, 50), 'x:7'));
    expect(letter).toEqual({
      time: '2026-11-23T10:00:00Z',
      source: 'falco',
      code: 'KSTORM_INPUT_JSON',
      message: expect.stringMatching(/^The record is not valid JSON/),
      location: 'x:7',
      raw: FALCO.slice(0, 50),
      rawEncoding: 'utf8',
      rawBytes: 50,
      truncated: false,
    });
    expect(ingestor.stats().byReason).toEqual({ KSTORM_INPUT_JSON: 1 });
  });

  it('dead-letters wrong types and unknown kinds with the path to blame', () => {
    const ingestor = new Ingestor();
    const wrong = letters(ingestor.record(AUDIT.replace('"verb":"list"', '"verb":42'), 'w'));
    expect(wrong).toMatchObject([{ code: 'KSTORM_EVENT_SHAPE', source: 'k8s-audit' }]);
    const unknown = letters(
      ingestor.record('{"process_teleport":{},"time":"2026-11-23T09:00:00Z"}', 'u', 'tetragon'),
    );
    expect(unknown).toMatchObject([{ code: 'KSTORM_EVENT_UNKNOWN_KIND', source: 'tetragon' }]);
  });

  it('keeps at most the configured raw bytes of a huge record', () => {
    const huge = `{"x":"${'a'.repeat(10 * 1024 * 1024)}"}`;
    const [letter] = letters(new Ingestor({ maxDeadLetterBytes: 1024 }).record(huge));
    expect(letter).toMatchObject({
      code: 'KSTORM_EVENT_UNKNOWN_SOURCE',
      truncated: true,
      rawBytes: huge.length,
    });
    expect(letter?.raw).toHaveLength(1024);
  });

  it('keeps bytes that are not UTF-8 as base64', () => {
    const bytes = Uint8Array.from([0x7b, 0xff, 0x7d]);
    const item = new Ingestor().unreadable(
      'KSTORM_INPUT_ENCODING',
      'Line 1 is not valid UTF-8.',
      bytes,
      'b:1',
    );
    expect(item).toMatchObject({
      ok: false,
      deadLetter: { raw: 'e/99', rawEncoding: 'base64', rawBytes: 3 },
    });
  });

  it('survives NUL bytes, deep nesting and prototype keys', () => {
    const ingestor = new Ingestor();
    expect(letters(ingestor.record('{"a":"\u0000"}'))[0]?.code).toBe('KSTORM_INPUT_JSON');
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => ingestor.record(deep)).not.toThrow();
    const polluted = AUDIT.replace(
      '"user":{',
      '"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"user":{',
    );
    expect(accepted(ingestor.record(polluted))).toBe(1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('never throws, whatever JSON arrives, and accounts for every record', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 6 }), { maxLength: 5 }), (values) => {
        const ingestor = new Ingestor();
        let items = 0;
        for (const value of values) items += ingestor.record(JSON.stringify(value)).length;
        const stats = ingestor.stats();
        expect(stats.accepted + stats.rejected).toBe(items);
      }),
      { numRuns: 300 },
    );
  });
});
