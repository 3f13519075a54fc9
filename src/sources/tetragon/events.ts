/**
 * The decoded Tetragon event: a union discriminated by `kind`, the event key of the exported record
 * (`process_exec`, `process_kprobe`, …), each variant carrying that message's fields plus the record's
 * envelope (`node_name`, `time`, `cluster_name`, `aggregation_info`).
 */
import type { TetragonArgument, TetragonEventKind, TetragonProcess } from './types.js';

/** Fields of the record around the event. */
export interface TetragonEnvelope {
  readonly kind: TetragonEventKind;
  /**
   * RFC 3339 text as reported: the record's `time`, else the Pixie envelope's. Real exports occasionally
   * lack it (Tetragon's own testdata does), so it is optional here and the normaliser decides.
   */
  readonly time?: string | undefined;
  readonly node?: string | undefined;
  readonly cluster?: string | undefined;
  /** `aggregation_info.count`: events folded into this one, as decimal text. */
  readonly aggregationCount?: string | undefined;
}

/** The process, its parent, and (when Tetragon runs with `--enable-ancestors`) the ancestors beyond the
 * parent, nearest first: Tetragon walks up from the parent's parent. */
export interface TetragonProcessContext {
  readonly process?: TetragonProcess | undefined;
  readonly parent?: TetragonProcess | undefined;
  readonly ancestors?: readonly TetragonProcess[] | undefined;
}

/** What a TracingPolicy hook reports besides its arguments. */
export interface TetragonPolicyFields {
  readonly policyName?: string | undefined;
  readonly action?: string | undefined;
  readonly message?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly args: readonly TetragonArgument[];
}

export interface TetragonExec extends TetragonEnvelope, TetragonProcessContext {
  readonly kind: 'process_exec';
}

export interface TetragonExit extends TetragonEnvelope, TetragonProcessContext {
  readonly kind: 'process_exit';
  /** `process_exit.time`, the exit's own timestamp. */
  readonly exitTime?: string | undefined;
  readonly signal?: string | undefined;
  readonly status?: number | undefined;
}

export interface TetragonKprobe extends TetragonEnvelope, TetragonProcessContext, TetragonPolicyFields {
  readonly kind: 'process_kprobe';
  readonly functionName?: string | undefined;
  readonly returnValue?: TetragonArgument | undefined;
  readonly returnAction?: string | undefined;
  readonly data?: readonly TetragonArgument[] | undefined;
}

export interface TetragonTracepoint extends TetragonEnvelope, TetragonProcessContext, TetragonPolicyFields {
  readonly kind: 'process_tracepoint';
  readonly subsys?: string | undefined;
  readonly event?: string | undefined;
}

export interface TetragonLsm extends TetragonEnvelope, TetragonProcessContext, TetragonPolicyFields {
  readonly kind: 'process_lsm';
  readonly functionName?: string | undefined;
  /** IMA hash as `algorithm:value`. */
  readonly imaHash?: string | undefined;
}

export interface TetragonUprobe extends TetragonEnvelope, TetragonProcessContext, TetragonPolicyFields {
  readonly kind: 'process_uprobe';
  readonly path?: string | undefined;
  readonly symbol?: string | undefined;
  /** Offset into the binary (instead of a symbol), as decimal text. */
  readonly offset?: string | undefined;
  readonly data?: readonly TetragonArgument[] | undefined;
}

export interface TetragonUsdt extends TetragonEnvelope, TetragonProcessContext, TetragonPolicyFields {
  readonly kind: 'process_usdt';
  readonly path?: string | undefined;
  readonly provider?: string | undefined;
  readonly name?: string | undefined;
}

export interface TetragonLoader extends TetragonEnvelope, TetragonProcessContext {
  readonly kind: 'process_loader';
  readonly path?: string | undefined;
  readonly buildId?: Uint8Array | undefined;
}

export interface TetragonThrottle extends TetragonEnvelope {
  readonly kind: 'process_throttle';
  /** `THROTTLE_START` or `THROTTLE_STOP`. */
  readonly throttleType?: string | undefined;
  readonly cgroup?: string | undefined;
}

export interface TetragonRateLimitInfo extends TetragonEnvelope {
  readonly kind: 'rate_limit_info';
  readonly droppedProcessEvents?: string | undefined;
}

/** Isovalent Enterprise `process_listen`: the local address a socket listens on. */
export interface TetragonListen extends TetragonEnvelope, TetragonProcessContext {
  readonly kind: 'process_listen';
  readonly protocol?: string | undefined;
  readonly ip?: string | undefined;
  readonly port?: number | undefined;
}

/** Isovalent Enterprise `process_connect` and `process_close` (the latter with socket statistics). */
export interface TetragonFlow extends TetragonEnvelope, TetragonProcessContext {
  readonly kind: 'process_connect' | 'process_close';
  readonly protocol?: string | undefined;
  readonly sourceIp?: string | undefined;
  readonly sourcePort?: number | undefined;
  readonly destinationIp?: string | undefined;
  readonly destinationPort?: number | undefined;
  /** `process_close` socket statistics (`bytes_sent`, `segs_in`, …) as decimal text, in record order. */
  readonly stats?: readonly (readonly [name: string, value: string])[] | undefined;
}

export type TetragonEvent =
  | TetragonExec
  | TetragonExit
  | TetragonKprobe
  | TetragonTracepoint
  | TetragonLsm
  | TetragonUprobe
  | TetragonUsdt
  | TetragonLoader
  | TetragonThrottle
  | TetragonRateLimitInfo
  | TetragonListen
  | TetragonFlow;
