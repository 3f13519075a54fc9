/**
 * Deterministic ids of the SCOs that recur across events (pods, containers, files, addresses, users,
 * processes), remembered so that a stream of a million events computes each UUIDv5 once. Bounded: when
 * full, the memory is dropped and refilled (ids are pure functions of their key, so nothing is lost).
 */
import {
  processIdentifier,
  scoIdentifier,
  X_K8S_CONTAINER,
  X_K8S_OBJECT,
  X_K8S_POD,
} from '../../stix/index.js';

const CAPACITY = 50_000;

export class IdMemo {
  readonly #ids = new Map<string, string>();

  #get(key: string, compute: () => string): string {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = compute();
      if (this.#ids.size >= CAPACITY) this.#ids.clear();
      this.#ids.set(key, id);
    }
    return id;
  }

  /** The id of a standard SCO of `type` whose contributing properties are exactly `contributing`. */
  /**
   * The id of an SCO of `type` whose contributing properties are exactly `contributing`; `names` lists
   * them for kstorm's own types (STIX types know theirs).
   */
  sco(
    type: string,
    key: string,
    contributing: Readonly<Record<string, unknown>>,
    names?: readonly string[],
  ): string {
    return this.#get(`${type}\u0000${key}`, () => scoIdentifier({ type, ...contributing }, names));
  }

  pod(cluster: string | undefined, namespace: string, name: string): string {
    return this.#get(`pod\u0000${cluster ?? ''}\u0000${namespace}\u0000${name}`, () =>
      scoIdentifier(
        { type: 'x-k8s-pod', ...(cluster ? { cluster } : {}), namespace, name },
        X_K8S_POD.idContributing,
      ),
    );
  }

  container(shortId: string): string {
    return this.#get(`container\u0000${shortId}`, () =>
      scoIdentifier({ type: 'x-k8s-container', short_id: shortId }, X_K8S_CONTAINER.idContributing),
    );
  }

  object(contributing: Readonly<Record<string, string | undefined>>): string {
    const key = ['cluster', 'api_group', 'resource', 'namespace', 'name']
      .map((name) => contributing[name] ?? '\u0001')
      .join('\u0000');
    return this.#get(`object\u0000${key}`, () =>
      scoIdentifier({ type: 'x-k8s-object', ...contributing }, X_K8S_OBJECT.idContributing),
    );
  }

  process(execId: string, cluster: string | undefined): string {
    return this.#get(`process\u0000${cluster ?? ''}\u0000${execId}`, () =>
      processIdentifier(execId, cluster ?? ''),
    );
  }
}
