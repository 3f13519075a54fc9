/**
 * `BodyFacts` from an audit event's `requestObject` / `responseObject`: which body describes the object,
 * and the few fields of it that say what access the object grants (a pod's privileges and host mounts, a
 * binding's role and subjects, a role's rules, a webhook configuration's webhooks). Only fixed paths are
 * read, never a walk, so a body's size and depth cost nothing beyond the lists visited.
 */
import { isObject, type JsonObject } from '../fields.js';
import { podFacts, podSpecOf } from './body-pod.js';
import { collectTexts, eachObject, listOf, MAX_ITEMS, objectAt, present, textOf } from './body-read.js';
import type { BodyFacts, BodySubject } from './types.js';

/** Kinds that travel in bodies without being the object the request is about. */
const NOT_THE_OBJECT: ReadonlySet<string> = new Set(['Status', 'DeleteOptions']);
const BINDINGS: ReadonlySet<string> = new Set(['RoleBinding', 'ClusterRoleBinding']);
const ROLES: ReadonlySet<string> = new Set(['Role', 'ClusterRole']);
const WEBHOOK_CONFIGURATIONS: ReadonlySet<string> = new Set([
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]);
const WILDCARD = '*';

/**
 * The facts of the request body when it is a whole object, else of the response body (a patch's body is
 * a fragment without `kind`; a JSON patch is an array; the response is the resulting object). Undefined
 * when neither body is an object of a kind (the audit level was Metadata, or the request had no body).
 */
export function readBodyFacts(requestObject: unknown, responseObject: unknown): BodyFacts | undefined {
  const object = wholeObject(requestObject) ?? wholeObject(responseObject);
  return object === undefined ? undefined : factsOf(object.kind, object.value);
}

function wholeObject(body: unknown): { kind: string; value: JsonObject } | undefined {
  if (!isObject(body)) return undefined;
  const kind = textOf(body, 'kind');
  return kind === undefined || NOT_THE_OBJECT.has(kind) ? undefined : { kind, value: body };
}

function factsOf(kind: string, object: JsonObject): BodyFacts {
  const metadata = objectAt(object, 'metadata');
  const identity = { kind, name: textOf(metadata, 'name'), namespace: textOf(metadata, 'namespace') };
  const podSpec = podSpecOf(kind, object);
  if (podSpec !== undefined || kind === 'CronJob') {
    const schedule = kind === 'CronJob' ? textOf(objectAt(object, 'spec'), 'schedule') : undefined;
    const pod = podSpec === undefined ? {} : podFacts(podSpec);
    return present<BodyFacts>({ ...identity, ...pod, schedule });
  }
  if (kind === 'PersistentVolume')
    return present<BodyFacts>({ ...identity, hostPathVolumes: pvPaths(object) });
  if (BINDINGS.has(kind)) return present<BodyFacts>({ ...identity, ...bindingFacts(object) });
  if (ROLES.has(kind)) return present<BodyFacts>({ ...identity, ...ruleFacts(object) });
  if (WEBHOOK_CONFIGURATIONS.has(kind)) {
    return present<BodyFacts>({ ...identity, webhookNames: webhookNames(object) });
  }
  return present<BodyFacts>(identity);
}

/** A PersistentVolume's node paths: `spec.hostPath.path` and `spec.local.path`. */
function pvPaths(object: JsonObject): string[] {
  const spec = objectAt(object, 'spec');
  const paths = [textOf(objectAt(spec, 'hostPath'), 'path'), textOf(objectAt(spec, 'local'), 'path')];
  return paths.filter((path): path is string => path !== undefined);
}

function bindingFacts(object: JsonObject): Pick<BodyFacts, 'roleRef' | 'subjects'> {
  const roleRef = objectAt(object, 'roleRef');
  const role = present<NonNullable<BodyFacts['roleRef']>>({
    kind: textOf(roleRef, 'kind'),
    name: textOf(roleRef, 'name'),
  });
  const subjects: BodySubject[] = [];
  eachObject(object, 'subjects', (subject) => {
    subjects.push(
      present<BodySubject>({
        kind: textOf(subject, 'kind'),
        name: textOf(subject, 'name'),
        namespace: textOf(subject, 'namespace'),
      }),
    );
    return subjects.length < MAX_ITEMS;
  });
  return present<Pick<BodyFacts, 'roleRef' | 'subjects'>>({
    roleRef: Object.keys(role).length === 0 ? undefined : role,
    subjects,
  });
}

/**
 * The union of the rules' verbs, resources and API groups. Every rule is read, and a wildcard found
 * anywhere is kept even when the union is full, so many narrow rules cannot hide a `*`.
 */
function ruleFacts(object: JsonObject): Pick<BodyFacts, 'verbs' | 'resources' | 'apiGroups'> {
  const verbs = new Union();
  const resources = new Union();
  const apiGroups = new Union(true);
  eachObject(object, 'rules', (rule) => {
    verbs.add(listOf(rule, 'verbs'));
    resources.add(listOf(rule, 'resources'));
    apiGroups.add(listOf(rule, 'apiGroups'));
    return undefined;
  });
  return present<Pick<BodyFacts, 'verbs' | 'resources' | 'apiGroups'>>({
    verbs: verbs.values(),
    resources: resources.values(),
    apiGroups: apiGroups.values(),
  });
}

/** Distinct strings, at most MAX_ITEMS, with `*` kept whenever it was seen. */
class Union {
  readonly #items = new Set<string>();
  #wildcard = false;
  constructor(readonly keepEmpty = false) {}

  add(list: readonly unknown[]): void {
    collectTexts(this.#items, list, this.keepEmpty);
    if (!this.#wildcard && list.includes(WILDCARD)) this.#wildcard = true;
  }

  values(): string[] {
    const values = [...this.#items];
    if (this.#wildcard && !this.#items.has(WILDCARD)) values[values.length - 1] = WILDCARD;
    return values;
  }
}

function webhookNames(object: JsonObject): string[] {
  return textsOfObjects(object, 'webhooks', 'name');
}

/** The `key` text of each object in a list, at most MAX_ITEMS. */
function textsOfObjects(object: JsonObject, list: string, key: string): string[] {
  const out: string[] = [];
  eachObject(object, list, (item) => {
    const text = textOf(item, key);
    if (text !== undefined) out.push(text);
    return out.length < MAX_ITEMS;
  });
  return out;
}
