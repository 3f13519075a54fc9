/**
 * A bait's settings, read with their types checked. The threat-model schema already checks them when a
 * model is loaded; reading defensively here keeps the generators safe for models built in code.
 */
import type { Bait } from '../../threatmodel/index.js';
import type { InstrumentProblem } from '../types.js';

/** One RBAC rule granted to a bait's service account. */
export interface BaitRbacRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

export type CredentialFormat =
  | 'aws-credentials'
  | 'kubeconfig'
  | 'ssh-private-key'
  | 'env-file'
  | 'docker-config';
export const CREDENTIAL_FORMATS: readonly CredentialFormat[] = [
  'aws-credentials',
  'kubeconfig',
  'ssh-private-key',
  'env-file',
  'docker-config',
];

export type LeakPlace = 'configmap' | 'pod-env' | 'annotation';
export const LEAK_PLACES: readonly LeakPlace[] = ['configmap', 'pod-env', 'annotation'];

export interface BaitSettings {
  readonly image?: string;
  readonly user?: string;
  readonly password?: string;
  readonly port?: number;
  readonly nodePort?: number;
  readonly serviceAccount?: string;
  readonly rules: readonly BaitRbacRule[];
  readonly clusterWide: boolean;
  readonly files: readonly { readonly path: string; readonly format: CredentialFormat }[];
  readonly leakedIn?: LeakPlace;
}

const IMAGE = /^[a-z0-9][a-z0-9._/:@-]{0,254}$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const DNS_LABEL = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const FILE_PATH = /^\/[A-Za-z0-9._/-]{1,254}$/;
// The password reaches chpasswd as one `user:password` line, so it must be one line of printable text.
const PASSWORD = {
  test: (text: string) =>
    text.length >= 1 &&
    text.length <= 128 &&
    [...text].every((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127),
};

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/** The settings of `bait`, and a problem for each setting of the wrong shape (which is then ignored). */
export function readSettings(bait: Bait): {
  readonly settings: BaitSettings;
  readonly problems: InstrumentProblem[];
} {
  const raw = bait.settings;
  const problems: InstrumentProblem[] = [];
  const wrong = (key: string, expected: string) =>
    problems.push({
      code: 'KSTORM_INSTRUMENT_INVALID',
      severity: 'error',
      message: `bait ${bait.id}: setting ${key} must be ${expected}`,
      path: `/bait/${bait.id}/${key}`,
    });
  const text = (
    key: string,
    pattern: { test(text: string): boolean },
    expected: string,
  ): string | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && pattern.test(value)) return value;
    wrong(key, expected);
    return undefined;
  };
  const port = (key: string, min: number, max: number): number | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    wrong(key, `an integer from ${min} to ${max}`);
    return undefined;
  };
  const rules: BaitRbacRule[] = [];
  const rawRules = raw['rules'];
  if (rawRules !== undefined) {
    if (!Array.isArray(rawRules)) wrong('rules', 'a list of {apiGroups, resources, verbs}');
    else {
      for (const rule of rawRules) {
        const resources = isObject(rule) ? stringList(rule['resources']) : undefined;
        const verbs = isObject(rule) ? stringList(rule['verbs']) : undefined;
        const apiGroups = isObject(rule)
          ? rule['apiGroups'] === undefined
            ? ['']
            : stringList(rule['apiGroups'])
          : undefined;
        if (resources?.length && verbs?.length && apiGroups) rules.push({ apiGroups, resources, verbs });
        else wrong('rules', 'a list of {apiGroups, resources, verbs} with resources and verbs');
      }
    }
  }
  const files: { path: string; format: CredentialFormat }[] = [];
  const rawFiles = raw['files'];
  if (rawFiles !== undefined) {
    const valid =
      Array.isArray(rawFiles) &&
      rawFiles.every(
        (f) =>
          isObject(f) &&
          typeof f['path'] === 'string' &&
          FILE_PATH.test(f['path']) &&
          CREDENTIAL_FORMATS.includes(f['format'] as CredentialFormat),
      );
    if (valid) for (const f of rawFiles) files.push({ path: f.path, format: f.format });
    else wrong('files', `a list of {path: absolute path, format: ${CREDENTIAL_FORMATS.join(' | ')}}`);
  }
  const clusterWide = raw['clusterWide'];
  if (clusterWide !== undefined && typeof clusterWide !== 'boolean') wrong('clusterWide', 'true or false');
  const leakedIn = raw['leakedIn'];
  if (leakedIn !== undefined && !LEAK_PLACES.includes(leakedIn as LeakPlace))
    wrong('leakedIn', LEAK_PLACES.join(' | '));
  const settings: BaitSettings = {
    ...optional('image', text('image', IMAGE, 'an image reference')),
    ...optional('user', text('user', USER, 'a Linux user name')),
    ...optional('password', text('password', PASSWORD, 'one line of 1 to 128 printable characters')),
    ...optional('port', port('port', 1, 65_535)),
    ...optional('nodePort', port('nodePort', 30_000, 32_767)),
    ...optional('serviceAccount', text('serviceAccount', DNS_LABEL, 'a DNS label')),
    rules,
    clusterWide: clusterWide === true,
    files,
    ...optional(
      'leakedIn',
      LEAK_PLACES.includes(leakedIn as LeakPlace) ? (leakedIn as LeakPlace) : undefined,
    ),
  };
  return { settings, problems };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
