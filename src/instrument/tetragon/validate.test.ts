import { describe, expect, it } from 'vitest';
import { validateTracingPolicies } from './validate.js';

/** A valid policy with one kprobe; `hook` and `top` replace parts of it. */
function policy(
  hook: Record<string, unknown> = {},
  top: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    apiVersion: 'cilium.io/v1alpha1',
    kind: 'TracingPolicy',
    metadata: { name: 'file-access' },
    spec: {
      kprobes: [
        {
          call: 'security_file_permission',
          syscall: false,
          args: [
            { index: 0, type: 'file' },
            { index: 1, type: 'int' },
          ],
          selectors: [{ matchArgs: [{ index: 0, operator: 'Prefix', values: ['/etc/'] }] }],
          ...hook,
        },
      ],
    },
    ...top,
  };
}

function check(value: unknown) {
  return validateTracingPolicies([{ name: 'policy.yaml', value }]).map((p) => [p.code, p.path]);
}

describe('validateTracingPolicies: schema and identity', () => {
  it('accepts a well-formed policy', () => {
    expect(check(policy())).toEqual([]);
  });

  it('reports schema failures with the path into the document', () => {
    const problems = validateTracingPolicies([
      {
        name: 'p.yaml',
        value: policy({ selectors: [{ matchArgs: [{ index: 0, values: ['/etc/'] }] }], call: 7 }),
      },
    ]);
    expect(problems.map((p) => [p.code, p.path])).toEqual(
      expect.arrayContaining([
        ['KSTORM_POLICY_SCHEMA', '/spec/kprobes/0/selectors/0/matchArgs/0'],
        ['KSTORM_POLICY_SCHEMA', '/spec/kprobes/0/call'],
      ]),
    );
    expect(problems.map((p) => p.message)).toContain(
      'p.yaml /spec/kprobes/0/selectors/0/matchArgs/0: required field "operator" is missing',
    );
  });

  it('checks apiVersion, kind, the name and unknown top-level fields', () => {
    expect(check(policy({}, { apiVersion: 'cilium.io/v1' }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/apiVersion'],
    ]);
    expect(check(policy({}, { kind: 'Pod' }))).toEqual([['KSTORM_POLICY_INVALID', '/kind']]);
    expect(check(policy({}, { metadata: { name: 'Not_A_Name' } }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/metadata/name'],
    ]);
    expect(check(policy({}, { metadata: { name: 'a'.repeat(254) } }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/metadata/name'],
    ]);
    expect(check(policy({}, { extra: 1 }))).toEqual([['KSTORM_POLICY_SCHEMA', '/extra']]);
    expect(check([policy()])).toEqual([['KSTORM_POLICY_SCHEMA', '/']]);
  });

  it('checks label keys and values', () => {
    const labels = { 'kstorm.dev/threat-model': 'ok', 'bad key!': 'x', app: 'no spaces please' };
    expect(check(policy({}, { metadata: { name: 'p', labels } }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/metadata/labels/bad key!'],
      ['KSTORM_POLICY_INVALID', '/metadata/labels/app'],
    ]);
  });

  it('validates TracingPolicyNamespaced against its own schema', () => {
    const namespaced = policy(
      {},
      { kind: 'TracingPolicyNamespaced', metadata: { name: 'p', namespace: 'ns' } },
    );
    expect(check(namespaced)).toEqual([]);
  });

  it('reports a collision of kind and name, naming both sources, but not across namespaces or kinds', () => {
    const a = policy();
    const problems = validateTracingPolicies([
      { name: 'a.yaml', value: a },
      { name: 'b.yaml', value: a },
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'KSTORM_POLICY_NAME_COLLISION',
        message: expect.stringMatching(/^b\.yaml: .*"file-access".*a\.yaml/),
      }),
    ]);
    const inNamespace = (namespace: string) =>
      policy({}, { kind: 'TracingPolicyNamespaced', metadata: { name: 'file-access', namespace } });
    expect(
      validateTracingPolicies([
        { name: 'a', value: inNamespace('one') },
        { name: 'b', value: inNamespace('two') },
        { name: 'c', value: a },
      ]),
    ).toEqual([]);
  });

  it('quotes at most a bounded prefix of hostile text', () => {
    const field = 'x'.repeat(10_000);
    const [problem] = validateTracingPolicies([{ name: 'p', value: policy({}, { [field]: 1 }) }]);
    expect(problem?.message.length).toBeLessThan(300);
  });
});

describe('validateTracingPolicies: Tetragon rules beyond the schema', () => {
  it('wants matchArgs to refer to a declared argument', () => {
    expect(
      check(policy({ selectors: [{ matchArgs: [{ index: 3, operator: 'Equal', values: ['1'] }] }] })),
    ).toEqual([['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0']]);
    expect(
      check(policy({ selectors: [{ matchArgs: [{ args: [2], operator: 'Equal', values: ['1'] }] }] })),
    ).toEqual([['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0']]);
  });

  it('counts tracepoint matchArgs indexes as positions in args', () => {
    const tracepoint = {
      apiVersion: 'cilium.io/v1alpha1',
      kind: 'TracingPolicy',
      metadata: { name: 'tp' },
      spec: {
        tracepoints: [
          {
            subsystem: 'raw_syscalls',
            event: 'sys_enter',
            args: [{ index: 4, type: 'syscall64' }],
            selectors: [{ matchArgs: [{ index: 0, operator: 'Equal', values: ['59'] }] }],
          },
        ],
      },
    };
    expect(check(tracepoint)).toEqual([]);
  });

  it('enforces the selector, argument and value limits', () => {
    const sixSelectors = Array.from({ length: 6 }, () => ({
      matchArgs: [{ index: 1, operator: 'Equal', values: ['4'] }],
    }));
    expect(check(policy({ selectors: sixSelectors }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors'],
    ]);
    const sixArgs = Array.from({ length: 6 }, (_, index) => ({ index, type: 'int' }));
    expect(check(policy({ args: sixArgs, selectors: [] }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/args'],
    ]);
    const fiveInts = { matchArgs: [{ index: 1, operator: 'Equal', values: ['1', '2', '3', '4', '5'] }] };
    expect(check(policy({ selectors: [fiveInts] }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/values'],
    ]);
    // Strings live in BPF maps: many values are fine.
    const manyPaths = {
      matchArgs: [{ index: 0, operator: 'Prefix', values: Array.from({ length: 20 }, (_, i) => `/p${i}`) }],
    };
    expect(check(policy({ selectors: [manyPaths] }))).toEqual([]);
    const longPrefix = { matchArgs: [{ index: 0, operator: 'Prefix', values: [`/${'a'.repeat(256)}`] }] };
    expect(check(policy({ selectors: [longPrefix] }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/values/0'],
    ]);
    const longPostfix = { matchArgs: [{ index: 0, operator: 'Postfix', values: ['a'.repeat(128)] }] };
    expect(check(policy({ selectors: [longPostfix] }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/values/0'],
    ]);
  });

  it('counts lengths in UTF-8 bytes, for matchArgs and matchBinaries alike', () => {
    const wide = `/${'é'.repeat(200)}`; // 201 characters, 401 bytes
    const prefix = { matchArgs: [{ index: 0, operator: 'Prefix', values: [wide] }] };
    expect(check(policy({ selectors: [prefix] }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/values/0'],
    ]);
    const binaries = (operator: string, value: string) => ({
      matchBinaries: [{ operator, values: [value] }],
    });
    expect(check(policy({ selectors: [binaries('In', wide)] }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchBinaries/0/values/0'],
    ]);
    expect(check(policy({ selectors: [binaries('In', `/${'e'.repeat(200)}`)] }))).toEqual([]);
    const equal = (value: string) => ({ matchArgs: [{ index: 0, operator: 'Equal', values: [value] }] });
    expect(check(policy({ selectors: [equal(`/${'e'.repeat(4095)}`)] }))).toEqual([]);
    expect(check(policy({ selectors: [equal(`/${'e'.repeat(4096)}`)] }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/values/0'],
    ]);
  });

  it('wants operators that fit the argument type, and values they can parse', () => {
    const on = (index: number, operator: string, values: string[]) =>
      policy({ selectors: [{ matchArgs: [{ index, operator, values }] }] });
    expect(check(on(1, 'Prefix', ['4']))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/operator'],
    ]);
    expect(check(on(0, 'DAddr', ['10.0.0.1']))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/operator'],
    ]);
    expect(check(on(1, 'Equal', ['four']))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/values/0'],
    ]);
    expect(check(on(1, 'Equal', ['0x10', '010', '-3']))).toEqual([]);
    expect(check(on(1, 'Equal', ['4294967296']))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/values/0'],
    ]);
    const socket = (operator: string, values: string[]) =>
      policy({
        call: 'security_socket_connect',
        args: [{ index: 1, type: 'sockaddr' }],
        selectors: [{ matchArgs: [{ index: 1, operator, values }] }],
      });
    expect(check(socket('SAddr', ['169.254.169.254', '10.0.0.0/8', 'fd00::/8']))).toEqual([]);
    // "sockaddr does not support destination operators (DAddr, DPort)".
    expect(check(socket('DAddr', ['169.254.169.254']))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/operator'],
    ]);
    expect(check(socket('SAddr', ['10.0.0.0/33', 'metadata']))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/values/0'],
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/values/1'],
    ]);
    expect(check(socket('SPort', ['80', '1024:65535', '70000']))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/matchArgs/0/values/2'],
    ]);
  });

  it('wants returnArg with return, syscall: true on sys_ calls, and a 1-based sizeArgIndex on a size', () => {
    expect(check(policy({ return: true }))).toEqual([['KSTORM_POLICY_INVALID', '/spec/kprobes/0/returnArg']]);
    expect(check(policy({ call: 'sys_setns' }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/syscall'],
    ]);
    const write = (sizeArgIndex: number) =>
      policy({
        call: 'sys_write',
        syscall: true,
        args: [
          { index: 0, type: 'int' },
          { index: 1, type: 'char_buf', sizeArgIndex },
          { index: 2, type: 'size_t' },
        ],
        selectors: [],
      });
    expect(check(write(3))).toEqual([]);
    expect(check(write(2))).toEqual([['KSTORM_POLICY_INVALID', '/spec/kprobes/0/args/1/sizeArgIndex']]);
    expect(check(write(5))).toEqual([['KSTORM_POLICY_INVALID', '/spec/kprobes/0/args/1/sizeArgIndex']]);
  });

  it('wants lists and macros that exist', () => {
    expect(check(policy({ call: 'list:dups', selectors: [{ macros: ['nope'] }] }))).toEqual([
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/call'],
      ['KSTORM_POLICY_INVALID', '/spec/kprobes/0/selectors/0/macros/0'],
    ]);
  });
});
