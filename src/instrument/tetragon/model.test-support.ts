/**
 * Hand-built leaves with Tetragon witnesses for the generator tests: each test states the pattern and
 * the sensor fields it is about, the rest defaults (kprobe, catalogue arguments). Models come from the
 * shared builder in ../model.test-support.ts.
 */
import type { Leaf, SourcePosition, TetragonSensor, Witness } from '../../threatmodel/index.js';

export { threatModel } from '../model.test-support.js';

const HERE: SourcePosition = { file: 'test.yaml', line: 1, column: 1 };

/** A Tetragon sensor on `hook`, a kprobe unless `hookType` says otherwise. */
export function tetragon(
  hook: string,
  options: Partial<Omit<TetragonSensor, 'kind' | 'hook'>> = {},
): TetragonSensor {
  return { kind: 'tetragon', hook, hookType: 'kprobe', ...options };
}

/** A witness with `pattern` and a Tetragon sensor. */
export function witness(id: string, pattern: string, sensor: TetragonSensor): Witness {
  return { id, pattern, sensor, position: HERE, patternPosition: HERE };
}

/** A leaf whose witnesses are `[pattern, sensor]` pairs, named `<leaf id>/<index>`. */
export function tetragonLeaf(
  id: string,
  witnesses: readonly (readonly [string, TetragonSensor])[],
  techniques: readonly string[] = ['T1611'],
): Leaf {
  return {
    type: 'leaf',
    id,
    name: `Leaf ${id}`,
    techniques,
    witnesses: witnesses.map(([pattern, sensor], index) => witness(`${id}/${index}`, pattern, sensor)),
    position: HERE,
  };
}
