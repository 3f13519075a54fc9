/**
 * Loading threat-model files: YAML → schema check → ThreatModel / AttackModel, with every problem of every
 * document reported at once, each at its file, line and column. Never throws on any input.
 */
import { buildAttackModel, checkAttackModel } from './attack-model.js';
import { buildThreatModel, type Catalogue } from './build-model.js';
import { defaultCatalogue } from './catalogue.js';
import { type ModelProblem, ProblemList } from './problems.js';
import { checkSchema } from './schema-check.js';
import { leavesOf, unreachableGates, witnessesOf } from './tree.js';
import type { AttackModel, ThreatModel, WitnessSensor } from './types.js';
import { MAX_MODEL_BYTES, parseSource } from './yaml-source.js';

/** A file to load: its name (for messages) and text. */
export interface ModelSource {
  readonly file: string;
  readonly text: string;
}

export interface LoadOptions {
  /** Ready-made leaves and technique names; the bundled catalogue by default. */
  readonly catalogue?: Catalogue;
  /**
   * Says why kstorm cannot generate instrumentation for a sensor (undefined when it can). The loader is
   * pure and knows no generator; the composition root passes instrument's check.
   */
  readonly sensorSupport?: (sensor: WitnessSensor) => string | undefined;
}

export interface LoadResult {
  readonly threatModels: ThreatModel[];
  readonly attackModels: AttackModel[];
  /** Sorted by file, line, column. Any `error` means the models must not be used. */
  readonly problems: ModelProblem[];
}

/** Loads one or more files (a threat model and the attack models that walk it may be in different files). */
export function loadModels(sources: readonly ModelSource[], options: LoadOptions = {}): LoadResult {
  const catalogue = options.catalogue ?? defaultCatalogue;
  const problems = new ProblemList();
  const threatModels: ThreatModel[] = [];
  const attackModels: AttackModel[] = [];
  for (const { file, text } of sources) {
    if (text.length > MAX_MODEL_BYTES) {
      problems.error(
        'KSTORM_MODEL_YAML',
        { file, line: 1, column: 1 },
        `the file is larger than ${MAX_MODEL_BYTES} characters`,
      );
      continue;
    }
    const parsed = parseSource(file, text);
    for (const p of parsed.problems) problems.error('KSTORM_MODEL_YAML', p.position, p.message);
    if (parsed.documents.length === 0 && parsed.problems.length === 0) {
      problems.error('KSTORM_MODEL_SCHEMA', { file, line: 1, column: 1 }, 'the file holds no YAML document');
    }
    for (const doc of parsed.documents) {
      if (!checkSchema(doc, problems)) continue;
      const kind = (doc.value as { kind: string }).kind;
      if (kind === 'AttackModel') attackModels.push(buildAttackModel(doc));
      else threatModels.push(buildThreatModel(doc, problems, catalogue));
    }
  }
  const names = new Map<string, ThreatModel>();
  for (const model of threatModels) {
    const earlier = names.get(model.metadata.name);
    if (earlier) {
      problems.error(
        'KSTORM_MODEL_DUPLICATE_ID',
        model.position,
        `a threat model named ${model.metadata.name} is already loaded from ${earlier.position.file}:${earlier.position.line}`,
      );
    }
    names.set(model.metadata.name, model);
    checkModel(model, problems, options);
  }
  for (const attack of attackModels) checkAttackModel(attack, threatModels, problems);
  return { threatModels, attackModels, problems: problems.sorted() };
}

/** Loads a single text (convenience for one file). */
export function loadModelText(text: string, file = '<input>', options: LoadOptions = {}): LoadResult {
  return loadModels([{ file, text }], options);
}

function checkModel(model: ThreatModel, problems: ProblemList, options: LoadOptions): void {
  for (const { gate, blame } of unreachableGates(model)) {
    const names = blame.map((n) => n.id).join(', ');
    problems.error(
      'KSTORM_MODEL_GATE',
      gate.position,
      `gate ${gate.id} (${gate.gate}) is unreachable: nothing can witness ${names}, so no attack through it can ever be seen`,
    );
  }
  if (options.sensorSupport) {
    for (const { witness } of witnessesOf(model)) {
      const why = options.sensorSupport(witness.sensor);
      if (why)
        problems.error(
          'KSTORM_MODEL_SENSOR',
          witness.position,
          `witness ${witness.id}: no generated instrumentation provides its ${witness.sensor.kind} sensor: ${why}`,
        );
    }
  }
  const used = new Set<string>();
  for (const { leaf } of leavesOf(model)) if (leaf.bait) used.add(leaf.bait);
  for (const bait of model.bait) {
    if (!used.has(bait.id))
      problems.warning(
        'KSTORM_MODEL_COVERAGE',
        bait.position,
        `bait ${bait.id} opens no leaf: reference it with bait: ${bait.id} on the step it opens`,
      );
  }
}
