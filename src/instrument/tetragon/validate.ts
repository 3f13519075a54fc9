/**
 * Validates TracingPolicy documents the way applying them would: the CRD schema (KSTORM_POLICY_SCHEMA),
 * the rules Tetragon enforces beyond it (KSTORM_POLICY_INVALID), and names that collide across the set
 * so that applying all of them would silently overwrite one (KSTORM_POLICY_NAME_COLLISION).
 */
import type { ErrorCode } from '../../util/index.js';
import type { InstrumentProblem } from '../types.js';
import { isDnsSubdomain } from './limits.js';
import { checkPolicyRules } from './policy-rules.js';
import { checkPolicySchema, POLICY_KINDS, type PolicyKind } from './schema-check.js';
import { quote } from './values.js';

/** The API group and version of Tetragon's policy kinds. */
export const TRACING_POLICY_API_VERSION = 'cilium.io/v1alpha1';

/** A document to validate and where it came from (file name, `file#2` for the second document, a label). */
export interface PolicyDocument {
  readonly name: string;
  readonly value: unknown;
}

const TOP_LEVEL_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);

const MAX_SHOWN_POINTER = 120;

function problem(code: ErrorCode, source: string, pointer: string, message: string): InstrumentProblem {
  // Pointers carry the document's own keys: show a bounded prefix in the message.
  const shown = pointer.length > MAX_SHOWN_POINTER ? `${pointer.slice(0, MAX_SHOWN_POINTER)}…` : pointer;
  const where = pointer === '' ? source : `${source} ${shown}`;
  return { code, severity: 'error', message: `${where}: ${message}`, path: pointer === '' ? '/' : pointer };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Kubernetes label and annotation keys: an optional DNS-subdomain prefix and `/`, then a name of at most 63. */
function isQualifiedKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash === -1) return QUALIFIED_NAME.test(key);
  return isDnsSubdomain(key.slice(0, slash)) && QUALIFIED_NAME.test(key.slice(slash + 1));
}

/** Labels and annotations the API server would refuse (metadata is only `type: object` in the CRD). */
function metadataProblems(source: string, metadata: Record<string, unknown>): InstrumentProblem[] {
  const problems: InstrumentProblem[] = [];
  for (const field of ['labels', 'annotations'] as const) {
    const entries = metadata[field];
    if (entries === undefined) continue;
    if (!isRecord(entries)) {
      problems.push(
        problem('KSTORM_POLICY_INVALID', source, `/metadata/${field}`, 'must be a mapping of strings'),
      );
      continue;
    }
    for (const [key, value] of Object.entries(entries)) {
      const at = `/metadata/${field}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (!isQualifiedKey(key))
        problems.push(problem('KSTORM_POLICY_INVALID', source, at, `${quote(key)} is not a valid key`));
      if (typeof value !== 'string') {
        problems.push(problem('KSTORM_POLICY_INVALID', source, at, 'must be a string'));
      } else if (field === 'labels' && value !== '' && !QUALIFIED_NAME.test(value)) {
        problems.push(
          problem(
            'KSTORM_POLICY_INVALID',
            source,
            at,
            `${quote(value)} is not a label value (at most 63 letters, digits, '-', '_', '.')`,
          ),
        );
      }
    }
  }
  return problems;
}

/** The problems of one document on its own, and its identity for the collision check when it has one. */
function validateOne(document: PolicyDocument): { problems: InstrumentProblem[]; identity?: string } {
  const { name, value } = document;
  if (!isRecord(value)) {
    return {
      problems: [
        problem('KSTORM_POLICY_SCHEMA', name, '', 'is not an object (a TracingPolicy is a mapping)'),
      ],
    };
  }
  const problems: InstrumentProblem[] = [];
  if (value['apiVersion'] !== TRACING_POLICY_API_VERSION) {
    problems.push(
      problem('KSTORM_POLICY_INVALID', name, '/apiVersion', `must be ${quote(TRACING_POLICY_API_VERSION)}`),
    );
  }
  const kind = value['kind'];
  if (!POLICY_KINDS.includes(kind as PolicyKind)) {
    problems.push(
      problem('KSTORM_POLICY_INVALID', name, '/kind', `must be one of ${POLICY_KINDS.join(', ')}`),
    );
    return { problems };
  }
  for (const field of Object.keys(value)) {
    if (!TOP_LEVEL_FIELDS.has(field)) {
      problems.push(
        problem('KSTORM_POLICY_SCHEMA', name, `/${field}`, `unknown top-level field ${quote(field)}`),
      );
    }
  }
  const schemaFailures = checkPolicySchema(kind as PolicyKind, value);
  for (const failure of schemaFailures) {
    problems.push(problem('KSTORM_POLICY_SCHEMA', name, failure.pointer, failure.message));
  }
  const metadata = isRecord(value['metadata']) ? value['metadata'] : {};
  const policyName = metadata['name'];
  let identity: string | undefined;
  if (typeof policyName !== 'string' || !isDnsSubdomain(policyName)) {
    problems.push(
      problem(
        'KSTORM_POLICY_INVALID',
        name,
        '/metadata/name',
        `${typeof policyName === 'string' ? quote(policyName) : 'a missing name'} is not a DNS subdomain (lowercase letters, digits, '-' and '.', at most 253 characters)`,
      ),
    );
  } else {
    const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : '';
    identity = `${String(kind)}\u0000${kind === 'TracingPolicy' ? '' : namespace}\u0000${policyName}`;
  }
  problems.push(...metadataProblems(name, metadata));
  // The rules read shapes the schema guarantees; a document that breaks the schema is reported by it alone.
  if (schemaFailures.length === 0) {
    for (const failure of checkPolicyRules(value['spec'])) {
      problems.push(problem('KSTORM_POLICY_INVALID', name, failure.pointer, failure.message));
    }
  }
  return identity === undefined ? { problems } : { problems, identity };
}

/**
 * Every problem of every document, in document order: each on its own, then the name collisions
 * across the set (same kind, namespace and name), each naming both sources.
 */
export function validateTracingPolicies(documents: readonly PolicyDocument[]): InstrumentProblem[] {
  const problems: InstrumentProblem[] = [];
  const firstByIdentity = new Map<string, string>();
  for (const document of documents) {
    const result = validateOne(document);
    problems.push(...result.problems);
    if (result.identity === undefined) continue;
    const first = firstByIdentity.get(result.identity);
    if (first === undefined) {
      firstByIdentity.set(result.identity, document.name);
      continue;
    }
    const [kind, , policyName] = result.identity.split('\u0000');
    problems.push({
      code: 'KSTORM_POLICY_NAME_COLLISION',
      severity: 'error',
      message: `${document.name}: ${kind} ${quote(policyName ?? '')} is also defined by ${first}; applying both keeps only one`,
      path: '/metadata/name',
    });
  }
  return problems;
}
