/**
 * The Tetragon source: decodes Tetragon's JSON export (`GetEventsResponse`, one event key per record) and
 * the Pixie FileSource envelope around it into typed {@link TetragonEvent}s.
 */
import { attempt } from '../fields.js';
import type { Decoded, SensorDecoder } from '../types.js';
import { decodeTetragonRecord, recognisesTetragon } from './decode.js';
import type { TetragonEvent } from './events.js';

export type {
  TetragonEnvelope,
  TetragonEvent,
  TetragonExec,
  TetragonExit,
  TetragonFlow,
  TetragonKprobe,
  TetragonListen,
  TetragonLoader,
  TetragonLsm,
  TetragonPolicyFields,
  TetragonProcessContext,
  TetragonRateLimitInfo,
  TetragonThrottle,
  TetragonTracepoint,
  TetragonUprobe,
  TetragonUsdt,
} from './events.js';
export {
  TETRAGON_EVENT_KINDS,
  type TetragonArgument,
  type TetragonArgumentValue,
  type TetragonCapabilities,
  type TetragonContainer,
  type TetragonCredentials,
  type TetragonEventKind,
  type TetragonFileArgument,
  type TetragonPod,
  type TetragonProcess,
  type TetragonSkb,
  type TetragonSocket,
  type TetragonUserNamespace,
} from './types.js';

/** Decodes Tetragon export records; each record holds one event. */
export const tetragonDecoder: SensorDecoder<TetragonEvent> = {
  sensor: 'tetragon',
  recognises: recognisesTetragon,
  decode(value: unknown): readonly Decoded<TetragonEvent>[] {
    const result = attempt(() => decodeTetragonRecord(value));
    return [result.ok ? { ok: true, event: result.value } : { ok: false, rejection: result.rejection }];
  },
};
