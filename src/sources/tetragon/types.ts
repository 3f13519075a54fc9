/**
 * Tetragon's exported events (the JSON encoding of `GetEventsResponse`, reference/grpc-api.md) as typed
 * values: one variant per event key, with the fields kstorm reads in camelCase. Absent fields are
 * undefined (Go writes nothing, "" or 0 for "not set"); every string may be attacker-controlled.
 */

/** The event keys kstorm decodes. The first nine are OSS Tetragon's; the last three come from the
 * Isovalent Enterprise build seen in the "Security Observability with eBPF" book samples. */
export const TETRAGON_EVENT_KINDS = [
  'process_exec',
  'process_exit',
  'process_kprobe',
  'process_tracepoint',
  'process_lsm',
  'process_uprobe',
  'process_usdt',
  'process_loader',
  'process_throttle',
  'rate_limit_info',
  'process_connect',
  'process_listen',
  'process_close',
] as const;

export type TetragonEventKind = (typeof TETRAGON_EVENT_KINDS)[number];

export interface TetragonContainer {
  /** As reported, with its runtime prefix (`containerd://…`). */
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly imageName?: string | undefined;
  readonly imageId?: string | undefined;
  readonly startTime?: string | undefined;
  /** PID inside the container's PID namespace. */
  readonly pid?: number | undefined;
  readonly maybeExecProbe?: boolean | undefined;
  readonly privileged?: boolean | undefined;
}

export interface TetragonPod {
  readonly namespace?: string | undefined;
  readonly name?: string | undefined;
  readonly uid?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly workload?: string | undefined;
  readonly workloadKind?: string | undefined;
  readonly container?: TetragonContainer | undefined;
}

export interface TetragonProcess {
  readonly execId?: string | undefined;
  readonly parentExecId?: string | undefined;
  readonly pid?: number | undefined;
  readonly tid?: number | undefined;
  /** Effective uid. */
  readonly uid?: number | undefined;
  readonly auid?: number | undefined;
  readonly cwd?: string | undefined;
  readonly binary?: string | undefined;
  readonly arguments?: string | undefined;
  readonly flags?: string | undefined;
  /** RFC 3339 text, as reported. */
  readonly startTime?: string | undefined;
  /** The first digits of the container id (`docker` field). */
  readonly docker?: string | undefined;
  readonly pod?: TetragonPod | undefined;
  readonly inInitTree?: boolean | undefined;
}

/** One `KprobeArgument` (also used by tracepoints, LSM hooks, uprobes and USDTs). */
export type TetragonArgument = { readonly label?: string | undefined } & TetragonArgumentValue;

export type TetragonArgumentValue =
  | { readonly kind: 'int' | 'uint'; readonly value: number }
  /** 64-bit values as decimal text. */
  | { readonly kind: 'long' | 'size'; readonly value: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'truncated_bytes'; readonly bytes: Uint8Array; readonly origSize?: string | undefined }
  | { readonly kind: 'file' | 'path' | 'linux_binprm'; readonly file: TetragonFileArgument }
  | { readonly kind: 'sock'; readonly sock: TetragonSocket }
  | { readonly kind: 'skb'; readonly skb: TetragonSkb }
  | {
      readonly kind: 'sockaddr';
      readonly family?: string | undefined;
      readonly addr?: string | undefined;
      readonly port?: number | undefined;
    }
  | { readonly kind: 'sockaddr_un'; readonly family?: string | undefined; readonly path?: string | undefined }
  | { readonly kind: 'cred'; readonly caps: TetragonCapabilities }
  | { readonly kind: 'process_credentials'; readonly credentials: TetragonCredentials }
  | { readonly kind: 'capability'; readonly name?: string | undefined; readonly value?: number | undefined }
  /** Capability sets as the hexadecimal text Tetragon reports. */
  | {
      readonly kind: 'kernel_cap_t' | 'cap_inheritable' | 'cap_permitted' | 'cap_effective';
      readonly value: string;
    }
  | { readonly kind: 'user_ns'; readonly userNs: TetragonUserNamespace }
  | {
      readonly kind: 'module';
      readonly name?: string | undefined;
      readonly signatureOk?: boolean | undefined;
      readonly tainted?: readonly string[] | undefined;
    }
  | { readonly kind: 'net_dev'; readonly name?: string | undefined }
  | {
      readonly kind: 'bpf_attr' | 'bpf_prog';
      readonly progType?: string | undefined;
      readonly insnCnt?: number | undefined;
      readonly progName?: string | undefined;
    }
  | {
      readonly kind: 'bpf_map';
      readonly mapType?: string | undefined;
      readonly keySize?: number | undefined;
      readonly valueSize?: number | undefined;
      readonly maxEntries?: number | undefined;
      readonly mapName?: string | undefined;
    }
  | { readonly kind: 'bpf_cmd'; readonly value: string }
  | {
      readonly kind: 'perf_event';
      readonly kprobeFunc?: string | undefined;
      readonly type?: string | undefined;
      readonly config?: string | undefined;
      readonly probeOffset?: string | undefined;
    }
  | { readonly kind: 'syscall_id'; readonly id?: number | undefined; readonly abi?: string | undefined }
  | { readonly kind: 'error'; readonly message?: string | undefined }
  /** An argument kind kstorm does not know: its key and a bounded rendering of its value. */
  | { readonly kind: 'other'; readonly key: string; readonly text: string }
  /** No value at all (`{}` or only a label). */
  | { readonly kind: 'empty' };

export interface TetragonFileArgument {
  readonly path?: string | undefined;
  readonly mount?: string | undefined;
  readonly flags?: string | undefined;
  readonly permission?: string | undefined;
}

export interface TetragonSocket {
  readonly family?: string | undefined;
  readonly type?: string | undefined;
  readonly protocol?: string | undefined;
  readonly saddr?: string | undefined;
  readonly daddr?: string | undefined;
  readonly sport?: number | undefined;
  readonly dport?: number | undefined;
  readonly state?: string | undefined;
}

export interface TetragonSkb {
  readonly family?: string | undefined;
  readonly protocol?: string | undefined;
  /** The IP protocol number. */
  readonly proto?: number | undefined;
  readonly saddr?: string | undefined;
  readonly daddr?: string | undefined;
  readonly sport?: number | undefined;
  readonly dport?: number | undefined;
  readonly len?: number | undefined;
}

export interface TetragonCapabilities {
  readonly permitted?: readonly string[] | undefined;
  readonly effective?: readonly string[] | undefined;
  readonly inheritable?: readonly string[] | undefined;
}

export interface TetragonUserNamespace {
  readonly level?: number | undefined;
  readonly uid?: number | undefined;
  readonly gid?: number | undefined;
  readonly inum?: number | undefined;
  readonly isHost?: boolean | undefined;
}

export interface TetragonCredentials {
  readonly uid?: number | undefined;
  readonly gid?: number | undefined;
  readonly euid?: number | undefined;
  readonly egid?: number | undefined;
  readonly suid?: number | undefined;
  readonly sgid?: number | undefined;
  readonly fsuid?: number | undefined;
  readonly fsgid?: number | undefined;
  readonly securebits?: readonly string[] | undefined;
  readonly caps?: TetragonCapabilities | undefined;
  readonly userNs?: TetragonUserNamespace | undefined;
}
