/**
 * Plays a recorded capture into a running storm center, paced on the records' own times (N× faster
 * than recorded, pauses capped), through the same sink the HTTP ingest endpoints use.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Ingestor } from '../normalise/index.js';
import { readRecords } from '../sources/index.js';
import { createPacer } from './pacer.js';
import type { StormService } from './service.js';

const MAX_PAUSE_MS = 2000;

export async function playCapture(
  service: StormService,
  file: string,
  speed: number,
  signal: AbortSignal,
): Promise<number> {
  const ingestor = new Ingestor({ rawArtifacts: false });
  const raw = createReadStream(file);
  const chunks = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const pace = createPacer(speed, MAX_PAUSE_MS);
  let played = 0;
  for await (const record of readRecords(chunks)) {
    if (signal.aborted) break;
    if (record.kind !== 'record') continue;
    const items = ingestor.record(record.text, `${file}:${record.line}`);
    await pace(items.find((i) => i.ok)?.observation.event.time.epochNanos);
    await service.sink.write(items);
    played += 1;
  }
  raw.destroy();
  return played;
}
