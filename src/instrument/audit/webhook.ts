/**
 * The kubeconfig-format file kube-apiserver's audit webhook backend reads (`--audit-webhook-config-file`):
 * one cluster whose server is kstorm's audit ingest path, and one user holding kstorm's ingest token.
 */
import type { ThreatModel } from '../../threatmodel/index.js';
import type { InstrumentProblem, ParameterValues } from '../types.js';
import { textParameter } from './parameters.js';

/** Parameter holding kstorm's base URL, e.g. `https://kstorm.example:8443`. */
export const KSTORM_URL_PARAMETER = 'kstormUrl';
/** Parameter holding a bearer token kstorm's ingest server accepts. */
export const INGEST_TOKEN_PARAMETER = 'kstormIngestToken';
/** kstorm's ingest path for audit `EventList` bodies. */
export const AUDIT_INGEST_PATH = '/ingest/k8s-audit';

const URL_PLACEHOLDER = `\${kstormUrl}`;
const TOKEN_PLACEHOLDER = `\${KSTORM_INGEST_TOKEN}`;
// A bearer token is one HTTP header value: visible ASCII, no spaces.
const TOKEN_TEXT = /^[\x21-\x7e]{1,4096}$/;

export interface WebhookKubeconfig {
  readonly document: Readonly<Record<string, unknown>>;
  readonly problems: readonly InstrumentProblem[];
}

function parameterProblem(severity: 'error' | 'warning', message: string): InstrumentProblem {
  return { code: 'KSTORM_INSTRUMENT_PARAMETER', severity, message };
}

function serverUrl(model: ThreatModel, values: ParameterValues, problems: InstrumentProblem[]): string {
  const lookup = textParameter(model, values, KSTORM_URL_PARAMETER);
  if (!lookup.found) {
    problems.push(
      lookup.reason === 'list'
        ? parameterProblem('error', `parameter ${KSTORM_URL_PARAMETER} must be one URL, not a list`)
        : parameterProblem(
            'warning',
            `the audit webhook kubeconfig has the placeholder ${URL_PLACEHOLDER}: pass --set ${KSTORM_URL_PARAMETER}=https://<kstorm host>:<port>, or replace it before use`,
          ),
    );
    return `${URL_PLACEHOLDER}${AUDIT_INGEST_PATH}`;
  }
  let url: URL;
  try {
    url = new URL(lookup.value);
  } catch {
    problems.push(parameterProblem('error', `parameter ${KSTORM_URL_PARAMETER} is not a URL`));
    return `${URL_PLACEHOLDER}${AUDIT_INGEST_PATH}`;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '') {
    problems.push(
      parameterProblem(
        'error',
        `parameter ${KSTORM_URL_PARAMETER} must be an http(s) URL without query or fragment`,
      ),
    );
    return `${URL_PLACEHOLDER}${AUDIT_INGEST_PATH}`;
  }
  if (url.protocol === 'http:') {
    problems.push(
      parameterProblem(
        'warning',
        `parameter ${KSTORM_URL_PARAMETER} is plain http: the ingest token travels unencrypted`,
      ),
    );
  }
  return `${url.href.replace(/\/+$/, '')}${AUDIT_INGEST_PATH}`;
}

function token(model: ThreatModel, values: ParameterValues, problems: InstrumentProblem[]): string {
  const lookup = textParameter(model, values, INGEST_TOKEN_PARAMETER);
  if (lookup.found && TOKEN_TEXT.test(lookup.value)) return lookup.value;
  problems.push(
    lookup.found || lookup.reason === 'list'
      ? parameterProblem(
          'error',
          `parameter ${INGEST_TOKEN_PARAMETER} must be one token of visible ASCII characters`,
        )
      : parameterProblem(
          'warning',
          `the audit webhook kubeconfig has the placeholder ${TOKEN_PLACEHOLDER}: pass --set ${INGEST_TOKEN_PARAMETER}=<token kstorm serve accepts>, or replace it before use`,
        ),
  );
  return TOKEN_PLACEHOLDER;
}

/** The webhook kubeconfig, with placeholders (and problems) for parameters not given. */
export function webhookKubeconfig(model: ThreatModel, values: ParameterValues): WebhookKubeconfig {
  const problems: InstrumentProblem[] = [];
  const server = serverUrl(model, values, problems);
  const document = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kstorm', cluster: { server } }],
    users: [{ name: 'kstorm', user: { token: token(model, values, problems) } }],
    contexts: [{ name: 'kstorm', context: { cluster: 'kstorm', user: 'kstorm' } }],
    'current-context': 'kstorm',
    preferences: {},
  };
  return { document, problems };
}
