// Holds the architecture of docs/architecture.md: imports point down the data flow, other folders are
// reached only through their index.ts, and the pure core imports no I/O module.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;

/** What each top-level folder of src/ may import (besides itself). Edges may import every stage. */
const ALLOWED: Record<string, readonly string[]> = {
  util: [],
  stix: ['util'],
  pattern: ['stix', 'util'],
  threatmodel: ['pattern', 'stix', 'util'],
  sources: ['util'],
  normalise: ['sources', 'stix', 'util'],
  match: ['pattern', 'stix', 'util'],
  correlate: ['match', 'normalise', 'threatmodel', 'pattern', 'stix', 'util'],
  quantify: ['correlate', 'threatmodel', 'stix', 'util'],
  cli: ['*'],
  server: ['*'],
  store: ['*'],
  bus: ['*'],
  app: ['*'],
  instrument: ['threatmodel', 'pattern', 'stix', 'util'],
  publish: ['quantify', 'correlate', 'store', 'stix', 'util'],
};
const EDGES = new Set(['cli', 'server', 'store', 'bus', 'app']);
const IO_MODULES =
  /^(node:)?(fs|fs\/promises|net|http|https|http2|tls|dgram|child_process|cluster|worker_threads|readline)$|^(fastify|pg|better-sqlite3|nats)(\/|$)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    // Tests and their shared builders (*.test-support.ts) are left out of the build, and so of the rules.
    const test = entry.name.endsWith('.test.ts') || entry.name.endsWith('.test-support.ts');
    return entry.name.endsWith('.ts') && !test ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => {
  const rel = relative(SRC, path);
  const text = readFileSync(path, 'utf8');
  const imports = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map(
    (m) => m[1] ?? '',
  );
  return { rel, folder: rel.includes('/') ? (rel.split('/')[0] ?? '') : '', imports };
});

describe('architecture', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('every top-level folder is a known stage with a public index.ts', () => {
    for (const folder of new Set(files.map((f) => f.folder).filter(Boolean))) {
      expect(Object.keys(ALLOWED), folder).toContain(folder);
      expect(
        files.some((f) => f.rel === `${folder}/index.ts`) || EDGES.has(folder),
        `${folder}/index.ts`,
      ).toBe(true);
    }
  });

  it('imports point down the flow and enter other folders only through index.ts', () => {
    const problems: string[] = [];
    for (const file of files) {
      for (const specifier of file.imports.filter((s) => s.startsWith('.'))) {
        const target = relative(SRC, join(SRC, file.rel, '..', specifier));
        const targetFolder = target.includes('/') ? (target.split('/')[0] ?? '') : '';
        if (!targetFolder || targetFolder === file.folder) continue;
        // The root index.ts is the public API: it may re-export any folder, through its index.ts.
        const allowed = file.folder === '' ? ['*'] : (ALLOWED[file.folder] ?? []);
        if (!allowed.includes('*') && !allowed.includes(targetFolder)) {
          problems.push(`${file.rel} imports ${targetFolder}/ (not allowed for ${file.folder}/)`);
        }
        if (target !== `${targetFolder}/index.js`) problems.push(`${file.rel} reaches into ${target}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the core imports no I/O module', () => {
    const problems = files
      .filter((f) => f.folder !== '' && !EDGES.has(f.folder))
      .flatMap((f) => f.imports.filter((s) => IO_MODULES.test(s)).map((s) => `${f.rel} imports ${s}`));
    expect(problems).toEqual([]);
  });

  it('the dashboard reaches the server only through its HTTP API, and never sets HTML', () => {
    const WEB = new URL('../web/src/', import.meta.url).pathname;
    const webFiles = readdirSync(WEB, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(webFiles.length).toBeGreaterThan(5);
    const problems = webFiles.flatMap((f) => {
      const text = readFileSync(join(WEB, f), 'utf8');
      const found: string[] = [];
      if (/from '(\.\.\/)+\.\.\/src\//.test(text)) found.push(`${f} imports the server's source`);
      if (/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(text))
        found.push(`${f} sets HTML`);
      return found;
    });
    expect(problems).toEqual([]);
  });
});
