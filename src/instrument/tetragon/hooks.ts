/**
 * The hooks kstorm knows how to arm without being told their arguments, learned from Tetragon's example
 * policies, its hook and argument-type docs, and upstream k8sstormcenter's policies; and how a witness's
 * sensor resolves to one hook (catalogue entry, the sensor's own `args`, or a reason it cannot).
 *
 * Argument types decide what the normaliser makes of an event (argument-types.ts): file arguments become
 * files, sockets flows, `int`/`string` the texts `int:3` / `string:/bin/sh`. No argument carries a
 * `label`, because a label would change those texts (`label=int:3`) and with them what patterns match.
 */
import type { TetragonArg, TetragonSensor } from '../../threatmodel/index.js';

/** One hook as a TracingPolicy writes it. */
export interface HookDefinition {
  /** Hooks a policy arms; built-in `event`s (process_exec) need none. */
  readonly hookType: Exclude<TetragonSensor['hookType'], 'event'>;
  /** kprobe `call` (syscalls as `sys_<name>`), tracepoint `subsystem/event`, or LSM `hook`. */
  readonly name: string;
  /** kprobes only: Tetragon's `syscall: true`. */
  readonly syscall: boolean;
  readonly args: readonly TetragonArg[];
  /** kprobes only: reported as the event's return value (`return: true`). */
  readonly returnArg?: TetragonArg;
  readonly description: string;
}

const FILE_AND_MASK: readonly TetragonArg[] = [
  { index: 0, type: 'file' },
  { index: 1, type: 'int' },
];
const RETURN_INT: TetragonArg = { index: 0, type: 'int' };

function kprobe(
  name: string,
  description: string,
  args: readonly TetragonArg[],
  returnArg?: TetragonArg,
): HookDefinition {
  const hook = { hookType: 'kprobe' as const, name, syscall: false, args, description };
  return returnArg === undefined ? hook : { ...hook, returnArg };
}

function syscall(name: string, description: string, args: readonly TetragonArg[]): HookDefinition {
  return { hookType: 'kprobe', name, syscall: true, args, description };
}

function lsm(name: string, description: string, args: readonly TetragonArg[]): HookDefinition {
  return { hookType: 'lsm', name, syscall: false, args, description };
}

/** The catalogue, in the order docs list it. */
export const HOOK_CATALOGUE: readonly HookDefinition[] = [
  kprobe(
    'security_file_permission',
    'a read or write of an open file (path, MAY_* mask)',
    FILE_AND_MASK,
    RETURN_INT,
  ),
  kprobe('security_file_open', 'a file being opened (path)', [{ index: 0, type: 'file' }], RETURN_INT),
  lsm('file_open', 'a file being opened, as the BPF LSM sees it (path)', [{ index: 0, type: 'file' }]),
  kprobe(
    'security_mmap_file',
    'a file mapped into memory (path, protection)',
    [
      { index: 0, type: 'file' },
      { index: 1, type: 'uint32' },
      { index: 2, type: 'nop' },
    ],
    RETURN_INT,
  ),
  kprobe('security_path_truncate', 'a file being truncated (path)', [{ index: 0, type: 'path' }], RETURN_INT),
  kprobe(
    'security_bprm_check',
    'a program about to run (its path)',
    [{ index: 0, type: 'linux_binprm' }],
    RETURN_INT,
  ),
  lsm('bprm_check_security', 'a program about to run, as the BPF LSM sees it (path)', [
    { index: 0, type: 'linux_binprm' },
  ]),
  kprobe('fd_install', 'a file descriptor installed for a file (fd, path)', [
    { index: 0, type: 'int' },
    { index: 1, type: 'file' },
  ]),
  kprobe('security_socket_connect', 'a connect() about to happen (destination address and port)', [
    { index: 1, type: 'sockaddr' },
    { index: 2, type: 'int' },
  ]),
  kprobe('tcp_connect', 'an outgoing TCP connection (socket)', [{ index: 0, type: 'sock' }]),
  kprobe('tcp_sendmsg', 'data sent on a TCP socket (socket, size)', [
    { index: 0, type: 'sock' },
    { index: 2, type: 'int' },
  ]),
  kprobe('tcp_close', 'a TCP socket closed (socket)', [{ index: 0, type: 'sock' }]),
  kprobe('inet_csk_accept', 'an accepted TCP connection (listening socket: local address and port)', [
    { index: 0, type: 'sock' },
  ]),
  kprobe(
    'security_kernel_module_request',
    'the kernel asked to load a module (its name)',
    [{ index: 0, type: 'string' }],
    RETURN_INT,
  ),
  kprobe('commit_creds', 'a process installing new credentials', [{ index: 0, type: 'cred' }]),
  kprobe(
    'cap_capable',
    'a capability check (user namespace, capability)',
    [
      { index: 1, type: 'user_namespace' },
      { index: 2, type: 'capability' },
    ],
    RETURN_INT,
  ),
  syscall('sys_setns', 'setns(): joining a namespace (fd, nstype)', [
    { index: 0, type: 'int' },
    { index: 1, type: 'int' },
  ]),
  syscall('sys_unshare', 'unshare(): new namespaces (flags)', [{ index: 0, type: 'int' }]),
  syscall('sys_ptrace', 'ptrace() (request, pid)', [
    { index: 0, type: 'int' },
    { index: 1, type: 'int' },
  ]),
  syscall('sys_mount', 'mount() (source, target, filesystem type)', [
    { index: 0, type: 'string' },
    { index: 1, type: 'string' },
    { index: 2, type: 'string' },
  ]),
  // The first argument of init_module is the module image, not a string: only its parameters are read.
  syscall('sys_init_module', 'init_module(): a kernel module loaded from memory (parameters)', [
    { index: 2, type: 'string' },
  ]),
  syscall('sys_finit_module', 'finit_module(): a kernel module loaded from a file (fd, parameters, flags)', [
    { index: 0, type: 'int' },
    { index: 1, type: 'string' },
    { index: 2, type: 'int' },
  ]),
  syscall('sys_symlinkat', 'symlinkat() (target, directory fd, link path)', [
    { index: 0, type: 'string' },
    { index: 1, type: 'int' },
    { index: 2, type: 'string' },
  ]),
  syscall('sys_linkat', 'linkat() (old directory fd, old path, new directory fd, new path, flags)', [
    { index: 0, type: 'int' },
    { index: 1, type: 'string' },
    { index: 2, type: 'int' },
    { index: 3, type: 'string' },
    { index: 4, type: 'int' },
  ]),
  syscall('sys_chroot', 'chroot() (new root)', [{ index: 0, type: 'string' }]),
  syscall('sys_bpf', 'bpf() (command)', [{ index: 0, type: 'bpf_cmd' }]),
  syscall('sys_setuid', 'setuid() (uid)', [{ index: 0, type: 'int' }]),
  syscall('sys_memfd_create', 'memfd_create(): an anonymous file (name, flags)', [
    { index: 0, type: 'string' },
    { index: 1, type: 'int' },
  ]),
  syscall('sys_execve', 'execve() (the program path as given)', [{ index: 0, type: 'string' }]),
  syscall('sys_openat', 'openat() (directory fd, path as given, flags)', [
    { index: 0, type: 'int' },
    { index: 1, type: 'string' },
    { index: 2, type: 'int' },
  ]),
  {
    hookType: 'tracepoint',
    name: 'raw_syscalls/sys_enter',
    syscall: false,
    args: [{ index: 4, type: 'syscall64' }],
    description: 'every system call entry (syscall number)',
  },
];

const BY_KEY = new Map(HOOK_CATALOGUE.map((hook) => [`${hook.hookType}:${hook.name}`, hook]));

/** The catalogue entry for a hook as a policy names it, if kstorm knows it. */
export function catalogueHook(
  hookType: TetragonSensor['hookType'],
  name: string,
): HookDefinition | undefined {
  return BY_KEY.get(`${hookType}:${name}`);
}

/** Architecture prefixes Tetragon's events put on syscall functions (`__x64_sys_setns`). */
const ARCH_PREFIXES = ['__x64_', '__arm64_'] as const;

/** A kprobe name as a policy writes it: `__x64_sys_setns` and `__arm64_sys_setns` become `sys_setns`. */
export function policyCallName(name: string): string {
  for (const prefix of ARCH_PREFIXES) {
    if (name.startsWith(`${prefix}sys_`)) return name.slice(prefix.length);
  }
  return name;
}

/** The names Tetragon reports for a hook in `function_name` (or `subsys/event`), which witnesses test. */
export function reportedHookNames(hook: Pick<HookDefinition, 'hookType' | 'name' | 'syscall'>): string[] {
  if (hook.hookType !== 'kprobe' || !hook.syscall || !hook.name.startsWith('sys_')) return [hook.name];
  return [...ARCH_PREFIXES.map((prefix) => `${prefix}${hook.name}`), hook.name];
}
