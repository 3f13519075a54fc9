// The bundled threat library (threatmodels/): loads with no error, covers the upstream scenarios and the
// witnessable Threat Matrix for Kubernetes, compiles to strictly valid STIX, and its generated
// instrumentation validates (TracingPolicies against the Tetragon CRD schema) and covers every witness.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  loadModelFiles,
  parseWitnessTests,
  runWitnessTests,
  witnessesUnderTest,
} from '../../src/app/index.js';
import { instrumentModel, lintCoverage, validateTracingPolicies } from '../../src/instrument/index.js';
import { createValidator } from '../../src/stix/index.js';
import {
  compileToStix,
  defaultCatalogue,
  leavesOf,
  READY_LEAVES,
  type ThreatModel,
  witnessesOf,
} from '../../src/threatmodel/index.js';

const LIBRARY = new URL('../../threatmodels/', import.meta.url).pathname;
const PARAMETERS = {
  podCidr: '10.244.0.0/16',
  nodeCidr: '10.0.0.0/16',
  kstormUrl: 'https://kstorm.example:8443',
  kstormIngestToken: 'test-token-0123456789abcdef',
};

describe('the bundled threat library', async () => {
  const loaded = await loadModelFiles([LIBRARY]);
  const model = loaded.threatModels.find((m) => m.metadata.name === 'honeycluster') as ThreatModel;

  it('loads with no error (the JSON Schema and every semantic check accept it)', () => {
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(model).toBeDefined();
    expect(loaded.attackModels.length).toBeGreaterThan(0);
  });

  it('has at least six branches, the upstream scenarios among them', () => {
    expect(model.branches.length).toBeGreaterThanOrEqual(6);
    const refs = new Set([...leavesOf(model)].map(({ leaf }) => leaf.from).filter(Boolean));
    for (const edge of [
      'CE_NSENTER',
      'CE_PRIV_MOUNT',
      'CE_SYS_PTRACE',
      'CE_MODULE_LOAD',
      'CE_UMH_CORE_PATTERN',
      'EXPLOIT_CONTAINERD_SOCK',
      'EXPLOIT_HOST_READ',
      'EXPLOIT_HOST_WRITE',
      'CE_VAR_LOG_SYMLINK',
    ]) {
      expect(refs, edge).toContain(`kubehound/${edge}`);
    }
  });

  it('covers every Threat Matrix technique kstorm has a ready-made (witnessable) leaf for', () => {
    const used = new Set([...leavesOf(model)].flatMap(({ leaf }) => leaf.techniques));
    const witnessable = READY_LEAVES.filter((l) => l.ref.startsWith('tmfk/')).map((l) => l.ref.slice(5));
    expect(witnessable.length).toBeGreaterThan(20);
    expect(witnessable.filter((id) => !used.has(id))).toEqual([]);
  });

  it('gives every leaf a witness and every witness a sensor that is armed', () => {
    const generated = instrumentModel(model, PARAMETERS);
    const files = generated.files.map((f) => ({ file: f.path, documents: f.documents }));
    expect(lintCoverage(model, files, generated.problems).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('generates instrumentation that validates: TracingPolicies against the CRD schema, unique names', () => {
    const generated = instrumentModel(model, PARAMETERS);
    expect(generated.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(generated.problems.map((p) => p.code)).not.toContain('KSTORM_INSTRUMENT_INVALID');
    const policies = generated.files
      .filter((f) => f.path.startsWith('tetragon/'))
      .flatMap((f) => f.documents.map((value) => ({ name: f.path, value })));
    expect(policies.length).toBeGreaterThan(5);
    expect(validateTracingPolicies(policies)).toEqual([]);
  });

  it('compiles to strictly valid STIX, one indicator per witness', () => {
    const objects = compileToStix(model, { now: '2026-11-23T00:00:00Z', catalogue: defaultCatalogue });
    expect(createValidator({ strict: true }).validateAll(objects)).toEqual([]);
    expect(objects.filter((o) => o.type === 'indicator')).toHaveLength([...witnessesOf(model)].length);
  });

  it('proves every witness on sensor records: each matches its case and none of its near-misses', async () => {
    const file = `${LIBRARY}honeycluster.tests.yaml`;
    const tests = parseWitnessTests(await readFile(file, 'utf8'), file);
    const witnesses = witnessesUnderTest(model);
    const report = runWitnessTests(witnesses, tests);
    const failed = report.results
      .filter((r) => !r.passed)
      .map((r) => `${r.case.line}: ${r.witness} ${r.reason}`);
    expect(failed).toEqual([]);
    expect(report.uncovered).toEqual([]);
    // Every leaf, not only every witness, has its match and near-miss.
    const proven = new Set(
      report.results.filter((r) => r.case.nearMisses.length > 0).map((r) => r.case.leaf),
    );
    expect([...leavesOf(model)].map(({ leaf }) => leaf.id).filter((id) => !proven.has(id))).toEqual([]);
    expect(witnesses.length).toBeGreaterThan(90);
  });
});
