import { describe, expect, it } from 'vitest';
import type { ThreatModel } from '../../threatmodel/index.js';
import type { GeneratedFile } from '../types.js';
import { generateTracingPolicies, policyNameForLeaf } from './generate.js';
import { tetragon, tetragonLeaf, threatModel } from './model.test-support.js';
import { validateTracingPolicies } from './validate.js';

type Spec = Record<string, Record<string, unknown>[]>;

function specOf(file: GeneratedFile | undefined): Spec {
  return ((file?.documents[0] as { spec?: Spec } | undefined)?.spec ?? {}) as Spec;
}

function only(model: ThreatModel, parameters = {}) {
  const result = generateTracingPolicies(model, parameters);
  expect(result.files).toHaveLength(1);
  return { ...result, spec: specOf(result.files[0]) };
}

describe('generateTracingPolicies: hooks and selectors from witnesses', () => {
  it('arms nsenter as the portable sys_setns syscall, filtered on the binary the pattern names', () => {
    const model = threatModel([
      tetragonLeaf('ce-nsenter', [
        [
          "[x-kstorm-event:hook = '__x64_sys_setns' AND x-kstorm-event:process_ref.image_ref.name = 'nsenter']",
          tetragon('__x64_sys_setns'),
        ],
      ]),
    ]);
    const { spec, problems, files } = only(model);
    expect(problems).toEqual([]);
    expect(files[0]?.path).toBe('tetragon/kstorm-ce-nsenter.yaml');
    expect(spec['kprobes']).toEqual([
      {
        call: 'sys_setns',
        syscall: true,
        args: [
          { index: 0, type: 'int' },
          { index: 1, type: 'int' },
        ],
        selectors: [{ matchBinaries: [{ operator: 'Postfix', values: ['nsenter'] }] }],
      },
    ]);
  });

  it('names the policy after the leaf, with labels and annotations', () => {
    const model = threatModel(
      [
        tetragonLeaf(
          'ce-nsenter',
          [
            ["[x-kstorm-event:hook = '__arm64_sys_setns']", tetragon('sys_setns')],
            ["[x-kstorm-event:hook = '__x64_sys_setns']", tetragon('sys_setns')],
          ],
          ['T1611', 'MS-TA9013'],
        ),
      ],
      { name: 'honeycluster' },
    );
    const { files } = only(model);
    expect((files[0]?.documents[0] as { metadata?: unknown } | undefined)?.metadata).toEqual({
      name: 'kstorm-ce-nsenter',
      labels: { 'app.kubernetes.io/managed-by': 'kstorm', 'kstorm.dev/threat-model': 'honeycluster' },
      annotations: {
        'kstorm.dev/leaf': 'ce-nsenter',
        'kstorm.dev/techniques': 'T1611,MS-TA9013',
        'kstorm.dev/witnesses': 'ce-nsenter/0,ce-nsenter/1',
      },
    });
    expect(files[0]?.kubernetes).toBe(true);
  });

  it('filters file access under /var/run/secrets by prefix, and an exact token path by equality', () => {
    const model = threatModel([
      tetragonLeaf('sa-token', [
        [
          "[x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '/var/run/secrets/%']",
          tetragon('security_file_permission'),
        ],
        [
          "[x-kstorm-event:file_refs[*].name = 'token' AND x-kstorm-event:file_refs[*].parent_directory_ref.path = '/run/secrets/kubernetes.io/serviceaccount']",
          tetragon('security_file_permission'),
        ],
      ]),
    ]);
    const { spec } = only(model);
    expect(spec['kprobes']).toHaveLength(1);
    expect(spec['kprobes']?.[0]).toMatchObject({
      call: 'security_file_permission',
      return: true,
      returnArg: { index: 0, type: 'int' },
      selectors: [
        {
          matchArgs: [
            { index: 0, operator: 'Equal', values: ['/run/secrets/kubernetes.io/serviceaccount/token'] },
          ],
        },
        { matchArgs: [{ index: 0, operator: 'Prefix', values: ['/var/run/secrets/'] }] },
      ],
    });
  });

  it('turns a directory and a name into a prefix and a postfix on the same file argument', () => {
    const model = threatModel([
      tetragonLeaf('keys', [
        [
          "[x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '/etc/%' AND x-kstorm-event:file_refs[*].name LIKE '%.key']",
          tetragon('file_open', { hookType: 'lsm' }),
        ],
      ]),
    ]);
    expect(only(model).spec['lsmhooks']).toEqual([
      {
        hook: 'file_open',
        args: [{ index: 0, type: 'file' }],
        selectors: [
          {
            matchArgs: [
              { index: 0, operator: 'Postfix', values: ['.key'] },
              { index: 0, operator: 'Prefix', values: ['/etc/'] },
            ],
          },
        ],
      },
    ]);
  });

  it('filters IMDS connections on the literal address: DAddr on a sock, SAddr on a sockaddr', () => {
    const model = threatModel([
      tetragonLeaf('imds', [
        [
          "[network-traffic:dst_ref.value = '169.254.169.254' AND network-traffic:dst_port = 80]",
          tetragon('tcp_connect'),
        ],
        [
          "[x-kstorm-event:network_refs[*].dst_ref.value = '169.254.169.254']",
          tetragon('security_socket_connect'),
        ],
      ]),
    ]);
    const { spec } = only(model);
    expect(spec['kprobes']?.map((hook) => [hook['call'], hook['selectors']])).toEqual([
      [
        'tcp_connect',
        [
          {
            matchArgs: [
              { index: 0, operator: 'DAddr', values: ['169.254.169.254'] },
              { index: 0, operator: 'DPort', values: ['80'] },
            ],
          },
        ],
      ],
      [
        'security_socket_connect',
        [{ matchArgs: [{ index: 1, operator: 'SAddr', values: ['169.254.169.254'] }] }],
      ],
    ]);
  });

  it('tests the local end on accept hooks, where the normaliser makes it the destination', () => {
    const model = threatModel([
      tetragonLeaf('ssh', [['[network-traffic:dst_port = 22]', tetragon('inet_csk_accept')]]),
    ]);
    expect(only(model).spec['kprobes']?.[0]?.['selectors']).toEqual([
      { matchArgs: [{ index: 0, operator: 'SPort', values: ['22'] }] },
    ]);
  });

  it('reads argument texts on the only argument of that kind, and merges explicit paths with them', () => {
    const model = threatModel([
      tetragonLeaf('shell', [
        [
          "[x-kstorm-event:arguments[*] IN ('string:/bin/sh', 'string:/bin/bash')]",
          tetragon('sys_execve', { paths: ['/usr/bin/bash'] }),
        ],
      ]),
      tetragonLeaf('root', [["[x-kstorm-event:arguments[*] = 'int:0']", tetragon('sys_setuid')]]),
      // Two int arguments: 'int:1' could be either, so nothing narrows.
      tetragonLeaf('setns-any', [["[x-kstorm-event:arguments[*] = 'int:1']", tetragon('sys_setns')]]),
    ]);
    const { files } = generateTracingPolicies(model, {});
    expect(files.map((file) => specOf(file)['kprobes']?.[0]?.['selectors'])).toEqual([
      [
        { matchArgs: [{ index: 0, operator: 'Equal', values: ['/bin/bash', '/bin/sh'] }] },
        { matchArgs: [{ index: 0, operator: 'Equal', values: ['/usr/bin/bash'] }] },
      ],
      [{ matchArgs: [{ index: 0, operator: 'Equal', values: ['0'] }] }],
      undefined,
    ]);
  });

  it('uses explicit sensor values alone when the pattern derives nothing', () => {
    const model = threatModel([
      tetragonLeaf('secrets', [
        [
          "[x-kstorm-event:hook = 'security_file_permission']",
          tetragon('security_file_permission', {
            pathPrefixes: ['/var/run/secrets/'],
            binaries: ['/usr/bin/cat'],
          }),
        ],
      ]),
    ]);
    expect(only(model).spec['kprobes']?.[0]?.['selectors']).toEqual([
      {
        matchArgs: [{ index: 0, operator: 'Prefix', values: ['/var/run/secrets/'] }],
        matchBinaries: [{ operator: 'In', values: ['/usr/bin/cat'] }],
      },
    ]);
  });

  it('leaves the hook unfiltered when nothing can be derived, or when one side of an OR is open', () => {
    const model = threatModel([
      tetragonLeaf('open', [
        ["[x-kstorm-event:hook = 'tcp_connect']", tetragon('tcp_connect')],
        ["[network-traffic:dst_port = 443] OR [x-kstorm-event:policy_name = 'x']", tetragon('tcp_connect')],
      ]),
    ]);
    const hook = only(model).spec['kprobes']?.[0];
    expect(hook).toEqual({ call: 'tcp_connect', syscall: false, args: [{ index: 0, type: 'sock' }] });
  });

  it('ignores observations another sensor makes, and warns when no observation fits the hook', () => {
    const model = threatModel([
      tetragonLeaf('mixed', [
        [
          "[x-k8s-api-request:verb = 'create'] FOLLOWEDBY [x-kstorm-event:file_refs[*].name = 'shadow']",
          tetragon('security_file_open'),
        ],
        ["[x-kstorm-event:hook = 'tcp_connect']", tetragon('fd_install')],
      ]),
    ]);
    const { spec, problems } = only(model);
    expect(spec['kprobes']?.[0]?.['selectors']).toEqual([
      { matchArgs: [{ index: 0, operator: 'Postfix', values: ['shadow'] }] },
    ]);
    expect(spec['kprobes']?.[1]).not.toHaveProperty('selectors');
    expect(problems).toEqual([
      expect.objectContaining({ code: 'KSTORM_MODEL_SENSOR', severity: 'warning', witness: 'mixed/1' }),
    ]);
  });

  it("keeps within Tetragon's byte limits by widening: long paths become prefixes, long binaries postfixes", () => {
    const directory = `/${'d'.repeat(600)}`;
    const model = threatModel([
      tetragonLeaf('long', [
        [
          `[x-kstorm-event:file_refs[*].parent_directory_ref.path = '${directory}' AND x-kstorm-event:file_refs[*].name = 'f' AND x-kstorm-event:process_ref.image_ref.parent_directory_ref.path = '${directory}' AND x-kstorm-event:process_ref.image_ref.name = 'b']`,
          tetragon('security_file_open'),
        ],
      ]),
    ]);
    const { spec, problems } = only(model);
    expect(problems).toEqual([]);
    expect(spec['kprobes']?.[0]?.['selectors']).toEqual([
      {
        matchArgs: [{ index: 0, operator: 'Prefix', values: [directory.slice(0, 256)] }],
        matchBinaries: [{ operator: 'Postfix', values: [`${directory.slice(-125)}/b`] }],
      },
    ]);
  });

  it('merges selectors of one shape when there are more than Tetragon allows, and says so', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const model = threatModel([
      tetragonLeaf(
        'many',
        names.map(
          (name) =>
            [`[x-kstorm-event:file_refs[*].name = '${name}']`, tetragon('security_file_open')] as const,
        ),
      ),
    ]);
    const { spec, problems } = only(model);
    expect(spec['kprobes']?.[0]?.['selectors']).toEqual([
      { matchArgs: [{ index: 0, operator: 'Postfix', values: names }] },
    ]);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'KSTORM_POLICY_INVALID', severity: 'warning' }),
    ]);
  });
});

describe('generateTracingPolicies: parameters, names and problems', () => {
  const cidrLeaf = tetragonLeaf('pod-network', [
    [
      "[x-kstorm-event:hook = 'tcp_connect']",
      tetragon('tcp_connect', { addressParameters: ['podCidr'], ports: [6443] }),
    ],
  ]);

  it('takes addresses from parameters (or their defaults), never from the model text', () => {
    const set = only(threatModel([cidrLeaf], { parameters: [{ name: 'podCidr' }] }), {
      podCidr: '10.42.0.0/16,fd00::/8',
    });
    expect(set.spec['kprobes']?.[0]?.['selectors']).toEqual([
      {
        matchArgs: [
          { index: 0, operator: 'DAddr', values: ['10.42.0.0/16', 'fd00::/8'] },
          { index: 0, operator: 'DPort', values: ['6443'] },
        ],
      },
    ]);
    const byDefault = only(
      threatModel([cidrLeaf], { parameters: [{ name: 'podCidr', default: ['10.1.0.0/20'] }] }),
    );
    expect(byDefault.spec['kprobes']?.[0]?.['selectors']).toMatchObject([
      { matchArgs: [{ operator: 'DAddr', values: ['10.1.0.0/20'] }, { operator: 'DPort' }] },
    ]);
  });

  it('reports a missing or malformed parameter with the flag that sets it, and writes no policy for the leaf', () => {
    const missing = generateTracingPolicies(
      threatModel([cidrLeaf], { parameters: [{ name: 'podCidr' }] }),
      {},
    );
    expect(missing.files).toEqual([]);
    expect(missing.problems).toEqual([
      {
        code: 'KSTORM_INSTRUMENT_PARAMETER',
        severity: 'error',
        leaf: 'pod-network',
        witness: 'pod-network/0',
        message: expect.stringContaining('"podCidr"'),
      },
    ]);
    expect(missing.problems[0]?.message).toContain('--set podCidr=<value>');
    const malformed = generateTracingPolicies(threatModel([cidrLeaf]), { podCidr: 'the pod network' });
    expect(malformed.problems.map((p) => p.code)).toEqual(['KSTORM_INSTRUMENT_PARAMETER']);
    expect(malformed.files).toEqual([]);
  });

  it('reports two leaves that would share a policy name, naming both, and keeps the first', () => {
    const leaf = (pattern: string) => tetragonLeaf('dup', [[pattern, tetragon('tcp_connect')]]);
    const result = generateTracingPolicies(
      threatModel([leaf('[network-traffic:dst_port = 1]'), leaf('[network-traffic:dst_port = 2]')]),
      {},
    );
    expect(result.files.map((file) => file.path)).toEqual(['tetragon/kstorm-dup.yaml']);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'KSTORM_POLICY_NAME_COLLISION',
        leaf: 'dup',
        message: expect.stringContaining('leaf dup'),
      }),
    ]);
    expect(policyNameForLeaf('CE_NSENTER--x')).toBe('kstorm-ce-nsenter-x');
  });

  it('reports a sensor kstorm cannot arm, as the loader check does', () => {
    const result = generateTracingPolicies(
      threatModel([tetragonLeaf('odd', [["[x-kstorm-event:hook = 'do_odd']", tetragon('do_odd')]])]),
      {},
    );
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'KSTORM_MODEL_SENSOR',
        severity: 'error',
        witness: 'odd/0',
        message: expect.stringMatching(/args/),
      }),
    ]);
  });

  it('writes policies the validator accepts, the same every time', () => {
    const model = threatModel([
      cidrLeaf,
      tetragonLeaf('mix', [
        ["[x-kstorm-event:file_refs[*].name = 'passwd']", tetragon('security_file_permission')],
        ["[x-kstorm-event:arguments[*] LIKE 'string:/proc/%']", tetragon('sys_openat')],
        [
          "[x-kstorm-event:hook = 'raw_syscalls/sys_enter']",
          tetragon('raw_syscalls/sys_enter', { hookType: 'tracepoint' }),
        ],
      ]),
    ]);
    const first = generateTracingPolicies(model, { podCidr: '10.0.0.0/8' });
    expect(first.problems).toEqual([]);
    const documents = first.files.map((file) => ({ name: file.path, value: file.documents[0] }));
    expect(validateTracingPolicies(documents)).toEqual([]);
    expect(generateTracingPolicies(model, { podCidr: '10.0.0.0/8' })).toEqual(first);
  });
});
