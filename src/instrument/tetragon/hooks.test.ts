import { describe, expect, it } from 'vitest';
import { catalogueHook, HOOK_CATALOGUE, policyCallName, reportedHookNames } from './hooks.js';
import { tetragon } from './model.test-support.js';
import { renderHook } from './render.js';
import { resolveHook, tetragonSupport } from './resolve-hook.js';
import { validateTracingPolicies } from './validate.js';

describe('the hook catalogue', () => {
  it('knows the hooks the threat library relies on', () => {
    const kprobes = [
      'security_file_permission',
      'security_file_open',
      'security_mmap_file',
      'security_path_truncate',
      'security_bprm_check',
      'fd_install',
      'security_socket_connect',
      'tcp_connect',
      'tcp_close',
      'inet_csk_accept',
      'sys_setns',
      'sys_unshare',
      'sys_ptrace',
      'sys_mount',
      'sys_init_module',
      'sys_finit_module',
      'security_kernel_module_request',
      'sys_symlinkat',
      'sys_linkat',
      'sys_chroot',
      'sys_bpf',
      'commit_creds',
      'cap_capable',
      'sys_setuid',
      'sys_memfd_create',
      'sys_execve',
    ];
    for (const name of kprobes) expect(catalogueHook('kprobe', name), name).toBeDefined();
    expect(catalogueHook('lsm', 'file_open')).toBeDefined();
    expect(catalogueHook('kprobe', 'sys_setns')?.syscall).toBe(true);
    expect(catalogueHook('kprobe', 'tcp_connect')?.syscall).toBe(false);
  });

  it('arms every entry as a policy the validator accepts', () => {
    const documents = HOOK_CATALOGUE.map((hook) => {
      const { section, entry } = renderHook(hook, []);
      return {
        name: `${hook.hookType}:${hook.name}`,
        value: {
          apiVersion: 'cilium.io/v1alpha1',
          kind: 'TracingPolicy',
          metadata: { name: `hook-${hook.name.replaceAll('_', '-').replace('/', '.')}` },
          spec: { [section]: [entry] },
        },
      };
    });
    expect(validateTracingPolicies(documents)).toEqual([]);
  });

  it('maps the names Tetragon reports for syscalls to the portable call, and back', () => {
    expect(policyCallName('__x64_sys_setns')).toBe('sys_setns');
    expect(policyCallName('__arm64_sys_setns')).toBe('sys_setns');
    expect(policyCallName('security_file_open')).toBe('security_file_open');
    const setns = catalogueHook('kprobe', 'sys_setns');
    expect(setns && reportedHookNames(setns)).toEqual(['__x64_sys_setns', '__arm64_sys_setns', 'sys_setns']);
    const openLsm = catalogueHook('lsm', 'file_open');
    expect(openLsm && reportedHookNames(openLsm)).toEqual(['file_open']);
  });
});

describe('resolveHook and tetragonSupport', () => {
  it('resolves a syscall named as Tetragon reports it', () => {
    expect(resolveHook(tetragon('__x64_sys_setns'))).toMatchObject({
      hook: { hookType: 'kprobe', name: 'sys_setns', syscall: true },
    });
    expect(tetragonSupport(tetragon('__arm64_sys_setns'))).toBeUndefined();
  });

  it("lets the sensor's own arguments win over the catalogue, and describe unknown hooks", () => {
    const custom = tetragon('security_inode_follow_link', { args: [{ index: 0, type: 'dentry' }] });
    expect(resolveHook(custom)).toMatchObject({
      hook: { syscall: false, args: [{ index: 0, type: 'dentry' }] },
    });
    expect(resolveHook(tetragon('sys_setns', { args: [{ index: 1, type: 'int' }] }))).toMatchObject({
      hook: { args: [{ index: 1, type: 'int' }] },
    });
    expect(
      tetragonSupport(tetragon('sys_pivot_root', { args: [{ index: 0, type: 'string' }] })),
    ).toBeUndefined();
  });

  it('says why a sensor cannot be armed', () => {
    const reasons = [
      tetragon('do_odd_thing'),
      tetragon('tcp_connect', { args: [{ index: 7, type: 'sock' }] }),
      tetragon('tcp_connect', { args: [{ index: 0, type: 'socket_thing' }] }),
      tetragon('sys_setns', { syscall: false }),
      tetragon('sys_enter', { hookType: 'tracepoint' }),
      tetragon('file_open', { hookType: 'lsm', returnArg: { index: 0, type: 'int' } }),
      tetragon('sys_setns', { paths: ['/proc/1/ns/mnt'] }),
      tetragon('security_file_permission', { ports: [443] }),
      tetragon('tcp_connect', { args: Array.from({ length: 6 }, (_, index) => ({ index, type: 'int' })) }),
    ].map(tetragonSupport);
    expect(reasons.every((reason) => typeof reason === 'string' && reason.length > 10)).toBe(true);
    expect(reasons[0]).toMatch(/args/);
    expect(reasons[1]).toMatch(/index 7/);
    expect(reasons[3]).toMatch(/syscall: true/);
  });
});
