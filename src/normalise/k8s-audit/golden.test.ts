// Pins the normalised output of representative audit records; review test/golden/normalised/k8s-audit/
// by hand whenever it changes.
import { describe, expect, it } from 'vitest';
import { fixtureRecords } from '../../sources/k8s-audit/fixtures.test-support.js';
import { auditDecoder } from '../../sources/k8s-audit/index.js';
import { LineageTracker } from '../lineage.js';
import type { NormalisedEvent } from '../model.js';
import { normaliseAudit } from './index.js';

const GOLDEN = '../../../test/golden/normalised/k8s-audit';

const CASES: readonly (readonly [fixture: string, golden: string])[] = [
  ['create_secret.json', 'v1-create-secret'],
  ['create_nginx_pod_unprivileged.json', 'v1beta1-create-pod'],
  ['delete_namespace_foo.json', 'apiversion-stripped-delete-namespace'],
  ['CONSTRUCTED_kindless-event.json', 'kindless-watch'],
  ['CONSTRUCTED_webhook-eventlist-body.json', 'webhook-eventlist'],
  ['CONSTRUCTED_v1-events.jsonl', 'v1-exec-forbidden-impersonation'],
  ['CONSTRUCTED_gke-cloud-logging.jsonl', 'gke-cloud-logging'],
  ['CONSTRUCTED_aks-diagnostics.jsonl', 'aks-diagnostics'],
  ['CONSTRUCTED_request-bodies.jsonl', 'v1-request-bodies'],
  ['create_clusterrolebinding.json', 'apiversion-stripped-create-clusterrolebinding'],
  ['modify_cluster_role_node_problem_detector.json', 'apiversion-stripped-patch-clusterrole'],
];

function normaliseFixture(name: string): NormalisedEvent[] {
  const context = { lineage: new LineageTracker() };
  return fixtureRecords(name).flatMap(({ text, value }) =>
    auditDecoder.decode(value).map((decoded) => {
      if (!decoded.ok) throw new Error(`${name}: ${decoded.rejection.message}`);
      const result = normaliseAudit(decoded.event, decoded.raw ?? text, context);
      if (!result.ok) throw new Error(`${name}: ${result.rejection.message}`);
      return result.event;
    }),
  );
}

describe('k8s-audit golden files', () => {
  it.each(CASES)('%s', async (fixture, golden) => {
    const events = normaliseFixture(fixture);
    await expect(`${JSON.stringify(events, null, 2)}\n`).toMatchFileSnapshot(`${GOLDEN}/${golden}.json`);
  });
});
