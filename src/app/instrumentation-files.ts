/**
 * Instrumentation on disk: writing generated files as YAML (with their header comments) into an output
 * folder, and reading a folder of instrumentation back for the coverage lint.
 */
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import type { GeneratedFile, InstrumentationFile } from '../instrument/index.js';
import { KstormError } from '../util/index.js';

/** Lists the files kstorm wrote into a folder, so a rerun may replace them and nothing else. */
export const WRITTEN_LIST = '.kstorm-instrument';

/** The YAML text of one generated file. */
export function generatedYaml(file: GeneratedFile): string {
  const header = file.header
    ? `${file.header
        .split('\n')
        .map((line) => `# ${line}`.trimEnd())
        .join('\n')}\n`
    : '';
  const docs = file.documents.map((doc) => stringify(doc, { lineWidth: 0 }));
  return header + docs.join('---\n');
}

/**
 * Writes the files under `out`. Refuses to overwrite a folder holding files kstorm did not write there
 * (unless `force`), so an instrumentation run never clobbers a hand-kept folder.
 */
export async function writeInstrumentation(
  out: string,
  files: readonly GeneratedFile[],
  force: boolean,
): Promise<string[]> {
  const existing = await listFiles(out);
  const previous = new Set((await readText(join(out, WRITTEN_LIST)))?.split('\n').filter(Boolean) ?? []);
  const foreign = existing.filter((f) => f !== WRITTEN_LIST && !previous.has(f));
  if (foreign.length > 0 && !force) {
    throw new KstormError(
      'KSTORM_CLI_USAGE',
      `${out} holds files kstorm did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); choose an empty folder or pass --force.`,
    );
  }
  const written: string[] = [];
  for (const file of files) {
    // Generated paths are checked relative paths; this guards the join all the same.
    const target = join(out, file.path);
    if (relative(out, target).startsWith('..'))
      throw new KstormError('KSTORM_INTERNAL', `refusing to write outside ${out}: ${file.path}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, generatedYaml(file));
    written.push(file.path);
  }
  await writeFile(join(out, WRITTEN_LIST), `${written.join('\n')}\n`);
  return written;
}

/** Reads every YAML file under `folder` as documents (for `kstorm model lint --instrumentation`). */
export async function readInstrumentation(folder: string): Promise<InstrumentationFile[]> {
  const out: InstrumentationFile[] = [];
  for (const file of await listFiles(folder)) {
    if (!/\.ya?ml$/.test(file)) continue;
    const text = (await readText(join(folder, file))) ?? '';
    const documents = parseAllDocuments(text).flatMap((doc) =>
      doc.errors.length > 0 ? [] : [doc.toJS({ maxAliasCount: 100 })],
    );
    out.push({ file: join(folder, file), documents });
  }
  return out;
}

async function listFiles(folder: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
