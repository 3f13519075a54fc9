/**
 * Files shipped with kstorm (the threat library, the demo capture, the built dashboard), found by
 * walking up from this module, so the same lookup works from `src/` (tsx) and `dist/src/` (built).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findBundled(relative: string): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}
