/**
 * Bait: the deliberate ways in that a threat model declares, as plain manifests in the model's bait
 * namespace. Every resource is labelled `kstorm.dev/bait: "true"` and `app.kubernetes.io/managed-by:
 * kstorm`, so bait is easy to find and to remove (`kubectl delete ns <bait namespace>` plus the labelled
 * cluster RBAC).
 */
import type { Bait, ThreatModel } from '../../threatmodel/index.js';
import type { GeneratedFile, InstrumentProblem, ParameterValues } from '../types.js';
import { decoyCredentials } from './decoy-credentials.js';
import { leakedToken } from './leaked-token.js';
import { baitNamespace } from './meta.js';
import { grants, serviceAccount, serviceAccountName } from './rbac.js';
import { type BaitSettings, readSettings } from './settings.js';
import { validateBaitManifests } from './validate.js';
import { weakSsh } from './weak-ssh.js';

export { CANARY_DOMAIN, CANARY_MARKER, canaryContent } from './canaries.js';
export { DEFAULT_DECOY_FILES, DEFAULT_DECOY_IMAGE } from './decoy-credentials.js';
export { DEFAULT_LEAK } from './leaked-token.js';
export { BAIT_NAME_LABEL, DECOY_ANNOTATION, labelName } from './meta.js';
export { CREDENTIAL_FORMATS, type CredentialFormat, LEAK_PLACES, type LeakPlace } from './settings.js';
export { CLUSTER_SCOPED_KINDS, validateBaitManifests } from './validate.js';
export { DEFAULT_SSH_IMAGE, DEFAULT_SSH_PASSWORD, DEFAULT_SSH_PORT, DEFAULT_SSH_USER } from './weak-ssh.js';

export const BAIT_NAMESPACE_PATH = 'bait/namespace.yaml';

const HEADERS: Readonly<Record<Bait['kind'], string>> = {
  'weak-ssh': 'an SSH server with a guessable login, running as an over-privileged service account',
  'decoy-credentials': 'a pod holding FAKE credential files (canaries, annotated kstorm.dev/decoy)',
  'leaked-token': 'a service account whose long-lived token is left where an intruder will find it',
  'overprivileged-service-account': 'a service account granted more than it should have',
};

function manifestsOf(
  model: ThreatModel,
  bait: Bait,
  settings: BaitSettings,
  problems: InstrumentProblem[],
): Record<string, unknown>[] {
  switch (bait.kind) {
    case 'weak-ssh':
      return weakSsh(model, bait, settings);
    case 'decoy-credentials': {
      const paths = settings.files.map((file) => file.path);
      const twice = paths.filter((path, index) => paths.indexOf(path) !== index);
      if (twice.length > 0) {
        problems.push({
          code: 'KSTORM_INSTRUMENT_INVALID',
          severity: 'error',
          message: `bait ${bait.id}: decoy file ${JSON.stringify(twice[0])} is listed twice`,
          path: `/bait/${bait.id}/files`,
        });
      }
      return decoyCredentials(model, bait, settings);
    }
    case 'leaked-token':
      return leakedToken(model, bait, settings);
    case 'overprivileged-service-account': {
      if (settings.rules.length === 0) {
        problems.push({
          code: 'KSTORM_INSTRUMENT_INVALID',
          severity: 'warning',
          message: `bait ${bait.id}: an over-privileged service account without rules grants nothing; add settings.rules`,
          path: `/bait/${bait.id}/rules`,
        });
      }
      const account = serviceAccountName(bait, settings);
      return [serviceAccount(model, bait, account), ...grants(model, bait, settings, account)];
    }
  }
}

/** The bait manifests of `model`: the labelled bait Namespace and one file per bait entry. */
export function generateBait(
  model: ThreatModel,
  _parameters: ParameterValues,
): { readonly files: readonly GeneratedFile[]; readonly problems: readonly InstrumentProblem[] } {
  if (model.bait.length === 0) return { files: [], problems: [] };
  const problems: InstrumentProblem[] = [];
  const namespace = baitNamespace(model);
  const files: GeneratedFile[] = [
    {
      path: BAIT_NAMESPACE_PATH,
      documents: [namespace],
      kubernetes: true,
      header: `kstorm bait namespace for threat model ${model.metadata.name}: everything in it is bait, on purpose.`,
    },
  ];
  for (const bait of model.bait) {
    const read = readSettings(bait);
    problems.push(...read.problems);
    files.push({
      path: `bait/${bait.id}.yaml`,
      documents: manifestsOf(model, bait, read.settings, problems),
      kubernetes: true,
      header: [
        `kstorm bait ${bait.id} (${bait.kind}) for threat model ${model.metadata.name}: ${HEADERS[bait.kind]}.`,
        'Deliberately insecure: apply it only to a cluster meant to be attacked (a honeycluster).',
      ].join('\n'),
    });
  }
  problems.push(
    ...validateBaitManifests(
      files.flatMap((file) => file.documents),
      model.baitNamespace,
    ),
  );
  return { files, problems };
}
