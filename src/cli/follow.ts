/**
 * `--follow`: the bytes of a file as it grows, like `tail -f`. Polls the size (fs.watch misses events on
 * some filesystems and in containers), reads what was appended, and starts again from the top when the
 * file shrinks (truncated or rotated in place). Ends when `signal` aborts.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const CHUNK = 256 * 1024;

export async function* followFile(
  path: string,
  signal: AbortSignal,
  pollMs = 250,
): AsyncGenerator<Uint8Array> {
  let handle: FileHandle = await open(path, 'r');
  let position = 0;
  try {
    while (!signal.aborted) {
      const { size } = await handle.stat();
      if (size < position) {
        // Truncated in place: what is there now is new.
        position = 0;
      }
      if (size > position) {
        const buffer = Buffer.allocUnsafe(Math.min(CHUNK, size - position));
        const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, position);
        position += bytesRead;
        if (bytesRead > 0) yield buffer.subarray(0, bytesRead);
        continue;
      }
      try {
        await sleep(pollMs, undefined, { signal });
      } catch {
        return;
      }
      // A rotated file (renamed away, a new one created under the same name) is picked up from its start.
      const reopened = await reopenIfReplaced(path, handle);
      if (reopened !== undefined) {
        await handle.close();
        handle = reopened;
        position = 0;
      }
    }
  } finally {
    await handle.close();
  }
}

async function reopenIfReplaced(path: string, handle: FileHandle): Promise<FileHandle | undefined> {
  let candidate: FileHandle;
  try {
    candidate = await open(path, 'r');
  } catch {
    return undefined;
  }
  const [now, before] = await Promise.all([candidate.stat(), handle.stat()]);
  if (now.ino === before.ino && now.dev === before.dev) {
    await candidate.close();
    return undefined;
  }
  return candidate;
}
