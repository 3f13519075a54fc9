// Shared builders for the matcher's tests (not part of the build): ids, observed-data and bundles.

/** A loose STIX object in a test. */
export type Obj = Record<string, unknown>;

/** A valid identifier numbered `n`, so tests can name the objects they expect to be bound. */
export const id = (type: string, n: number): string =>
  `${type}--6f1c2b3a-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** An observed-data numbered `n` over `refs`, observed from `first` to `last`, `count` times. */
export function observed(n: number, refs: readonly Obj[], first: string, last = first, count = 1): Obj {
  return {
    type: 'observed-data',
    spec_version: '2.1',
    id: id('observed-data', n),
    created: first,
    modified: first,
    first_observed: first,
    last_observed: last,
    number_observed: count,
    object_refs: refs.map((r) => r['id']),
  };
}

/** A bundle around objects. */
export const bundle = (...objects: Obj[]): Obj => ({ type: 'bundle', id: id('bundle', 1), objects });
