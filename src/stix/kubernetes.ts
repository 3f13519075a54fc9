/**
 * kstorm's Kubernetes vocabulary for STIX: the extension-definitions that declare the new SCO types
 * `x-k8s-pod`, `x-k8s-container`, `x-k8s-object` and `x-k8s-api-request`, and the Kubernetes context of
 * a `process`. Their JSON schemas ship with the package (`kstorm/schemas/kstorm/*.json`) and the
 * validator checks objects against them. The property paths here are a contract (docs/stix.md).
 */

import { namedIdentifier } from './identifiers.js';
import attackTreeSchema from './schemas/kstorm/attack-tree.json' with { type: 'json' };
import processContextSchema from './schemas/kstorm/process-k8s-context.json' with { type: 'json' };
import apiRequestSchema from './schemas/kstorm/x-k8s-api-request.json' with { type: 'json' };
import containerSchema from './schemas/kstorm/x-k8s-container.json' with { type: 'json' };
import objectSchema from './schemas/kstorm/x-k8s-object.json' with { type: 'json' };
import podSchema from './schemas/kstorm/x-k8s-pod.json' with { type: 'json' };
import eventSchema from './schemas/kstorm/x-kstorm-event.json' with { type: 'json' };
import type { ExtensionDefinition, Identity } from './types.js';

/** Version of kstorm's extension schemas; bump it whenever a property path changes. */
export const KSTORM_EXTENSION_VERSION = '1.2.0';

// Fixed so that recompiling and republishing never changes the definitions' identity.
const DEFINED_AT = '2026-11-23T00:00:00.000Z';

/** The identity that authors kstorm's extension-definitions. */
export const KSTORM_IDENTITY: Identity = {
  type: 'identity',
  spec_version: '2.1',
  id: namedIdentifier('identity', 'kstorm'),
  created: DEFINED_AT,
  modified: DEFINED_AT,
  name: 'kstorm, the Kubernetes Storm Center',
  identity_class: 'organization',
};

/** A kstorm extension: its definition object, its schema, and the ID-contributing properties of new SCOs. */
export interface KstormExtension {
  readonly definition: ExtensionDefinition;
  readonly schema: Readonly<Record<string, unknown>>;
  /** For new SCO types: the properties their deterministic id is computed from. */
  readonly idContributing?: readonly string[];
}

function define(
  name: string,
  description: string,
  schema: { $id: string },
  kind: 'new-sco' | 'toplevel-property-extension' | 'property-extension',
  extra: { idContributing?: readonly string[]; properties?: readonly string[] } = {},
): KstormExtension {
  const definition: ExtensionDefinition = {
    type: 'extension-definition',
    spec_version: '2.1',
    id: namedIdentifier('extension-definition', `kstorm/${name}`),
    created_by_ref: KSTORM_IDENTITY.id,
    created: DEFINED_AT,
    modified: DEFINED_AT,
    name,
    description,
    schema: schema.$id,
    version: KSTORM_EXTENSION_VERSION,
    extension_types: [kind],
    ...(extra.properties ? { extension_properties: [...extra.properties] } : {}),
  };
  return {
    definition,
    schema,
    ...(extra.idContributing ? { idContributing: extra.idContributing } : {}),
  };
}

/** `x-k8s-pod`: a pod, identified by cluster, namespace and name so every sensor's view collapses. */
export const X_K8S_POD = define('x-k8s-pod', 'A Kubernetes pod.', podSchema, 'new-sco', {
  idContributing: ['cluster', 'namespace', 'name'],
});

/** `x-k8s-container`: a container, identified by the 12-digit id prefix that every sensor reports. */
export const X_K8S_CONTAINER = define(
  'x-k8s-container',
  'A container in a pod.',
  containerSchema,
  'new-sco',
  {
    idContributing: ['short_id'],
  },
);

/** `x-k8s-object`: an API object targeted by a request. */
export const X_K8S_OBJECT = define('x-k8s-object', 'A Kubernetes API object.', objectSchema, 'new-sco', {
  idContributing: ['cluster', 'api_group', 'resource', 'namespace', 'name'],
});

/** `x-k8s-api-request`: one audited request to the API server. */
export const X_K8S_API_REQUEST = define(
  'x-k8s-api-request',
  'One request to the Kubernetes API server, as audited.',
  apiRequestSchema,
  'new-sco',
  { idContributing: ['cluster', 'audit_id'] },
);

/**
 * `x-kstorm-event`: one sensor event — which sensor, which hook, policy or rule fired — with references
 * to the process, pod, files, flows and request it involved, so one `[…]` can test them together.
 */
export const X_KSTORM_EVENT = define(
  'x-kstorm-event',
  'One sensor event: the sensor, the hook, policy or rule that fired, and what it involved.',
  eventSchema,
  'new-sco',
  { idContributing: ['source', 'record_sha256'] },
);

/** Kubernetes context of a `process`, as top-level properties so patterns stay short. */
export const PROCESS_K8S_CONTEXT = define(
  'process-k8s-context',
  'Kubernetes context of a process running in a pod: pod, container, node and the sensor exec ids.',
  processContextSchema,
  'toplevel-property-extension',
  {
    properties: [
      'exec_id',
      'parent_exec_id',
      'k8s_pod_ref',
      'k8s_container_ref',
      'k8s_node_name',
      'k8s_cluster',
    ],
  },
);

/**
 * Attack-tree placement of threat-model objects (attack-patterns, indicators, the relationships between
 * them): model, node, gate, sibling order, priors, witness and sensor.
 */
export const KSTORM_ATTACK_TREE = define(
  'kstorm-attack-tree',
  'Where an attack-pattern, indicator or relationship sits in a kstorm threat model (attack tree).',
  attackTreeSchema,
  'property-extension',
);

/** Every extension kstorm defines. */
export const KSTORM_EXTENSIONS: readonly KstormExtension[] = [
  X_K8S_POD,
  X_K8S_CONTAINER,
  X_K8S_OBJECT,
  X_K8S_API_REQUEST,
  X_KSTORM_EVENT,
  PROCESS_K8S_CONTEXT,
  KSTORM_ATTACK_TREE,
];
