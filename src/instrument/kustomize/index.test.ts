import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateAudit } from '../audit/index.js';
import { generateBait } from '../bait/index.js';
import { generateFalco } from '../falco/index.js';
import { generateKubescape } from '../kubescape/index.js';
import { auditSensor, bait, falcoSensor, kubescapeSensor, leaf, threatModel } from '../model.test-support.js';
import type { GeneratedFile } from '../types.js';
import { KUSTOMIZATION_PATH, kustomization } from './index.js';

const file = (path: string, kubernetes: boolean): GeneratedFile => ({ path, documents: [], kubernetes });

describe('kustomization', () => {
  it('lists exactly the Kubernetes files, sorted', () => {
    const { files, problems } = kustomization([
      file('tetragon/b.yaml', true),
      file('audit/audit-policy.yaml', false),
      file('bait/namespace.yaml', true),
      file('falco/kstorm-rules.yaml', false),
      file('tetragon/a.yaml', true),
    ]);
    expect(problems).toEqual([]);
    expect(files).toEqual([
      {
        path: KUSTOMIZATION_PATH,
        kubernetes: false,
        header: expect.stringContaining('kubectl apply -k'),
        documents: [
          {
            apiVersion: 'kustomize.config.k8s.io/v1beta1',
            kind: 'Kustomization',
            resources: ['bait/namespace.yaml', 'tetragon/a.yaml', 'tetragon/b.yaml'],
          },
        ],
      },
    ]);
  });

  it('does not depend on the order of the files', () => {
    const paths = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}\/[a-z0-9-]{1,12}\.yaml$/), { maxLength: 12 });
    fc.assert(
      fc.property(paths, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (names, kube) => {
        const files = names.map((name, i) => file(name, kube[i] ?? true));
        expect(kustomization([...files].reverse())).toEqual(kustomization(files));
      }),
    );
  });

  it.each(['../escape.yaml', '/abs.yaml', 'a//b.yaml', 'a/./b.yaml', 'notes.txt', KUSTOMIZATION_PATH])(
    'rejects the resource path %j',
    (path) => {
      const { files, problems } = kustomization([file(path, true)]);
      expect(problems).toEqual([
        expect.objectContaining({ code: 'KSTORM_INSTRUMENT_INVALID', severity: 'error' }),
      ]);
      expect(files[0]?.documents[0]).toMatchObject({ resources: [] });
    },
  );

  it('lists the bait and the Kubescape binding of a whole model, not the audit or Falco files', () => {
    const model = threatModel(
      [
        leaf('a', [
          auditSensor({ resources: [{ group: '', resources: ['pods'] }] }),
          falcoSensor('kstorm x', { condition: 'spawned_process' }),
          kubescapeSensor('R0001'),
        ]),
      ],
      { bait: [bait('ssh', 'weak-ssh')] },
    );
    const generated = [generateAudit, generateFalco, generateKubescape, generateBait].flatMap(
      (g) => g(model, {}).files,
    );
    expect(kustomization(generated).files[0]?.documents[0]).toMatchObject({
      resources: ['bait/namespace.yaml', 'bait/ssh.yaml', 'kubescape/kstorm-rule-binding.yaml'],
    });
  });
});
