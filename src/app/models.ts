/**
 * Threat-model files from disk: reads the files and folders a user names, loads them with the checks of
 * every layer (the loader's own, and whether kstorm can generate each witness's sensor).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sensorSupport } from '../instrument/index.js';
import { type LoadResult, loadModels, type ModelSource } from '../threatmodel/index.js';
import { KstormError } from '../util/index.js';

const MODEL_FILE = /\.ya?ml$/;
const TESTS_FILE = /\.tests\.ya?ml$/;

/** Reads the named files; a folder contributes its `*.yaml` files (recursively, tests files left out). */
export async function readModelSources(paths: readonly string[]): Promise<ModelSource[]> {
  const sources: ModelSource[] = [];
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new KstormError('KSTORM_INPUT_UNREADABLE', `Cannot read ${path}: no such file or folder.`);
    }
    if (info.isDirectory()) sources.push(...(await readFolder(path)));
    else sources.push({ file: path, text: await readFile(path, 'utf8') });
  }
  return sources;
}

async function readFolder(folder: string): Promise<ModelSource[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const out: ModelSource[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await readFolder(path)));
    else if (MODEL_FILE.test(entry.name) && !TESTS_FILE.test(entry.name)) {
      out.push({ file: path, text: await readFile(path, 'utf8') });
    }
  }
  return out;
}

/** Reads and loads threat models, checking that kstorm can arm every witness's sensor. */
export async function loadModelFiles(paths: readonly string[]): Promise<LoadResult> {
  return loadModels(await readModelSources(paths), { sensorSupport });
}
