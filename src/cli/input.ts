/** Opens a command's input (a file path, or `-` for standard input) as a stream of byte chunks. */
import { open } from 'node:fs/promises';
import { KstormError } from '../util/index.js';

/** An opened input: its display name, its chunks (read once), and how many bytes were read so far. */
export interface InputSource {
  readonly name: string;
  readonly chunks: AsyncIterable<Uint8Array | string>;
  readonly bytesRead: () => number;
}

/**
 * Opens `path` for streaming (`-` means `stdin`). The file is opened here, so a missing or unreadable
 * file fails now with KSTORM_INPUT_UNREADABLE rather than mid-read; an error while reading (a
 * directory, an I/O fault) is rethrown with the same code and the path in the message.
 */
export async function openInput(
  path: string,
  stdin: AsyncIterable<Uint8Array | string>,
): Promise<InputSource> {
  const name = path === '-' ? '<stdin>' : path;
  let source: AsyncIterable<Uint8Array | string>;
  if (path === '-') {
    source = stdin;
  } else {
    try {
      source = (await open(path, 'r')).createReadStream();
    } catch (error) {
      throw unreadable(name, error);
    }
  }
  let bytes = 0;
  async function* counted(): AsyncGenerator<Uint8Array | string> {
    try {
      for await (const chunk of source) {
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
        yield chunk;
      }
    } catch (error) {
      throw unreadable(name, error);
    }
  }
  return { name, chunks: counted(), bytesRead: () => bytes };
}

function unreadable(name: string, error: unknown): KstormError {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? describe(code) : 'it could not be read';
  return new KstormError('KSTORM_INPUT_UNREADABLE', `Cannot read ${name}: ${reason}.`, {
    path: name,
    cause: error instanceof Error ? error.message : String(error),
  });
}

function describe(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return `the system reported ${code}`;
  }
}
