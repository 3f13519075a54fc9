/**
 * Object-path resolution: walks `steps` from one object and returns every value the path reaches, so
 * `[*]` is existential and `_ref` / `_refs` hop to other objects of the same observation.
 */
import type { PathStep } from '../ast.js';
import type { ObservationView } from './observation.js';

/** A value reached so far; `ref` marks an object handle that a further key step dereferences. */
interface Reached {
  readonly value: unknown;
  readonly ref: 'one' | 'many' | undefined;
}

/** Resolves a compiled path against one object of an observation. */
export type PathResolver = (object: Readonly<Record<string, unknown>>, view: ObservationView) => unknown[];

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyStep(name: string, reached: Reached[], view: ObservationView): Reached[] {
  const ref = name.endsWith('_refs') ? 'many' : name.endsWith('_ref') ? 'one' : undefined;
  const out: Reached[] = [];
  for (const { value, ref: isRef } of reached) {
    // A handle is only dereferenced when the path goes on past it, so `src_ref` alone is the id itself.
    const object =
      isRef === 'one' ? (typeof value === 'string' ? view.objects.get(value) : undefined) : value;
    if (!isRecord(object) || !Object.hasOwn(object, name)) continue;
    const next = object[name];
    // JSON null is how some producers write "absent"; STIX forbids it, so it counts as missing.
    if (next !== null && next !== undefined) out.push({ value: next, ref });
  }
  return out;
}

function indexStep(index: bigint | '*', reached: Reached[]): Reached[] {
  const out: Reached[] = [];
  for (const { value, ref } of reached) {
    if (!Array.isArray(value)) continue;
    // Elements of a `_refs` list are handles; elements of anything else are plain values.
    const elementRef = ref === 'many' ? 'one' : undefined;
    if (index === '*') {
      for (const element of value) if (element !== null) out.push({ value: element, ref: elementRef });
    } else if (index >= 0n && index < BigInt(value.length)) {
      const element: unknown = value[Number(index)];
      if (element !== null && element !== undefined) out.push({ value: element, ref: elementRef });
    }
  }
  return out;
}

/**
 * Each value once: every test on a path asks whether any reached value passes, so a duplicate adds
 * nothing — and a hostile `_refs` list repeating one id k times would otherwise multiply the work by k
 * at every hop. All values reached by one step carry the same ref flag, so the value alone decides.
 */
function distinct(reached: Reached[]): Reached[] {
  const seen = new Set<unknown>();
  const out: Reached[] = [];
  for (const r of reached) {
    if (seen.has(r.value)) continue;
    seen.add(r.value);
    out.push(r);
  }
  return out;
}

/**
 * Compiles the steps of an object path. The result lists every reached value (empty means the property is
 * missing); a path that ends on a `_ref` yields the identifier string, whether or not it resolves.
 */
export function compilePath(steps: readonly PathStep[]): PathResolver {
  return (object, view) => {
    let reached: Reached[] = [{ value: object, ref: undefined }];
    for (const step of steps) {
      reached = step.kind === 'key' ? keyStep(step.name, reached, view) : indexStep(step.index, reached);
      if (reached.length === 0) return [];
      if (reached.length > 1) reached = distinct(reached);
    }
    return reached.map((r) => r.value);
  };
}
