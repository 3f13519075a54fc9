/**
 * Threat models: loading (YAML, schema, patterns, sensors), compiling to STIX and generating the
 * instrumentation for the bundled honeycluster model, each next to bare YAML parsing of the same file
 * (`yaml`'s parse) in the same run. Models are loaded on every `kstorm model` and `instrument` run and on
 * every reload of the storm center, so this is start-up cost, not a hot path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { instrumentModel, sensorSupport } from '../src/instrument/index.js';
import { compileToStix, defaultCatalogue, loadModelText, witnessesOf } from '../src/threatmodel/index.js';
import { compare } from './rate.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BUNDLED = `${ROOT}threatmodels/honeycluster.yaml`;
const FALLBACK = `${ROOT}test/fixtures/threatmodels/valid-minimal.yaml`;

export interface ModelStepResult {
  readonly step: string;
  readonly perSecond: number;
  readonly baselinePerSecond: number;
  readonly ratio: number;
}

export async function threatModelBenchmarks(): Promise<{
  file: string;
  leaves: string;
  results: ModelStepResult[];
}> {
  const file = existsSync(BUNDLED) ? BUNDLED : FALLBACK;
  const text = readFileSync(file, 'utf8');
  const load = () => loadModelText(text, file, { sensorSupport });
  const loaded = load();
  const [model] = loaded.threatModels;
  if (!model || loaded.problems.some((p) => p.severity === 'error'))
    throw new Error(`${file} does not load cleanly`);
  const baseline = () => parseAllDocuments(text);
  const steps: [string, () => unknown][] = [
    ['load + check (schema, patterns, sensors)', load],
    [
      'compile to STIX',
      () => compileToStix(model, { now: '2026-11-23T00:00:00Z', catalogue: defaultCatalogue }),
    ],
    ['instrument (all generators, validated)', () => instrumentModel(model, { podCidr: '10.244.0.0/16' })],
  ];
  const results: ModelStepResult[] = [];
  for (const [step, run] of steps) {
    const c = await compare(run, baseline);
    results.push({ step, ...c });
  }
  const witnesses = [...witnessesOf(model)].length;
  return { file: file.slice(ROOT.length), leaves: `${witnesses} witnesses`, results };
}
