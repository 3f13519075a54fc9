// The body framing rule (JSON lines or one document) on its own, with a real Ingestor.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ingestor } from '../../normalise/index.js';
import { ingestBody, nonBlankLines } from './records.js';
import { auditEventList, falcoAlert, tetragonExec } from './samples.test-support.js';

const context = { requestId: 'r1', source: 'auto', recordLimit: 1024 * 1024 } as const;

function run(body: string | Buffer, recordLimit = context.recordLimit) {
  const items = ingestBody(new Ingestor(), Buffer.isBuffer(body) ? body : Buffer.from(body), {
    ...context,
    recordLimit,
  });
  return items.map((item) =>
    item.ok
      ? `ok:${item.observation.event.source}`
      : `dead:${item.deadLetter.code}@${item.deadLetter.location}`,
  );
}

describe('nonBlankLines', () => {
  it('numbers lines from 1, drops \\r before \\n, and skips blank lines', () => {
    const body = Buffer.from('a\r\n\n  \t\nb\n\r\nc');
    const lines = nonBlankLines(body).map((line) => [
      line.number,
      body.subarray(line.start, line.end).toString(),
    ]);
    expect(lines).toEqual([
      [1, 'a'],
      [4, 'b'],
      [6, 'c'],
    ]);
    expect(nonBlankLines(Buffer.from(''))).toEqual([]);
    expect(nonBlankLines(Buffer.from('\n\n'))).toEqual([]);
  });

  it('covers every non-blank byte exactly once (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const body = Buffer.from(bytes);
        const kept = nonBlankLines(body).reduce((sum, line) => sum + (line.end - line.start), 0);
        const content = [...body].filter((byte) => byte !== 0x0a).length;
        expect(kept).toBeLessThanOrEqual(content);
        for (const line of nonBlankLines(body))
          expect(body.subarray(line.start, line.end).includes(0x0a)).toBe(false);
      }),
    );
  });
});

describe('ingestBody: JSON lines or one document', () => {
  it('reads one line as one record, wherever blank lines put it', () => {
    expect(run(`\n\n${falcoAlert()}\n`)).toEqual(['ok:falco']);
  });

  it('reads lines whose first line is complete JSON as JSON lines', () => {
    expect(run(`${falcoAlert()}\n${tetragonExec(1)}\nnot json`)).toEqual([
      'ok:falco',
      'ok:tetragon',
      'dead:KSTORM_INPUT_JSON@http:r1:3',
    ]);
  });

  it('reads a pretty-printed body as one document, its items located from its first line', () => {
    const pretty = `\n${JSON.stringify(JSON.parse(auditEventList(2)), null, 2)}\n`;
    expect(run(pretty)).toEqual(['ok:k8s-audit', 'ok:k8s-audit']);
    const array = JSON.stringify([JSON.parse(falcoAlert()), JSON.parse(tetragonExec(2))], null, 1);
    expect(run(array)).toEqual(['ok:falco', 'ok:tetragon']);
  });

  it('falls back to lines when neither the first line nor the whole body is JSON', () => {
    expect(run(`{"cut": \n${falcoAlert()}\n${falcoAlert()}`)).toEqual([
      'dead:KSTORM_INPUT_JSON@http:r1:1',
      'ok:falco',
      'ok:falco',
    ]);
  });

  it('dead-letters lines that are not UTF-8 or too large, and keeps the rest', () => {
    const body = Buffer.concat([
      Buffer.from(`${falcoAlert()}\n`),
      Buffer.from([0xed, 0xa0, 0x80, 0x0a]),
      Buffer.from(`${falcoAlert('/x'.repeat(400))}\n`),
      Buffer.from(falcoAlert()),
    ]);
    expect(run(body, 700)).toEqual([
      'ok:falco',
      'dead:KSTORM_INPUT_ENCODING@http:r1:2',
      'dead:KSTORM_INPUT_TOO_LARGE@http:r1:3',
      'ok:falco',
    ]);
  });

  it('never reads a document larger than the record limit whole', () => {
    const pretty = JSON.stringify(JSON.parse(falcoAlert()), null, 2);
    const longestLine = Math.max(...pretty.split('\n').map((line) => Buffer.byteLength(line)));
    expect(pretty.length).toBeGreaterThan(longestLine + 1);
    const lines = run(pretty, longestLine + 1);
    expect(lines.length).toBe(pretty.split('\n').length);
    // Every line is a dead letter of its own (`"host",` is JSON, but no sensor's record): kept, not read.
    expect(lines.every((line) => line.startsWith('dead:'))).toBe(true);
  });
});
