/**
 * Streaming writers of STIX 2.1 content: JSON lines, and a bundle whose envelope is written around
 * the objects as they come, so output of any size never has to be held in memory.
 */
import { KstormError } from '../../util/index.js';

function stringify(object: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(object);
  } catch {
    // The engine's message may quote property names from the input, so it is not passed on.
    throw new KstormError(
      'KSTORM_INTERNAL',
      'An object to write holds a cycle or a value JSON cannot represent.',
    );
  }
  if (text === undefined) {
    throw new KstormError('KSTORM_INTERNAL', `A value of type ${typeof object} cannot be written as JSON.`);
  }
  return text;
}

/** One JSON line: the object as compact JSON followed by a newline. Throws KSTORM_INTERNAL for non-JSON. */
export function toJsonLine(object: unknown): string {
  return `${stringify(object)}\n`;
}

/** Writes the objects as JSON lines, one string per object. */
export async function* writeJsonLines(
  objects: AsyncIterable<unknown> | Iterable<unknown>,
): AsyncGenerator<string> {
  for await (const object of objects) yield toJsonLine(object);
}

/**
 * Writes the objects as one STIX bundle with the given id: the envelope opening, then each object
 * (separated by `,\n`), then the closing `\n]}\n`. Every piece is a string; together they are valid JSON.
 */
export async function* writeBundle(
  objects: AsyncIterable<unknown> | Iterable<unknown>,
  bundleId: string,
): AsyncGenerator<string> {
  yield `{"type":"bundle","id":${stringify(bundleId)},"objects":[\n`;
  let separator = '';
  for await (const object of objects) {
    yield separator + stringify(object);
    separator = ',\n';
  }
  yield '\n]}\n';
}
