/**
 * Reads the body of each event kind. Every event is built as one object literal of a fixed shape per
 * kind (no spreads of partial objects): on a million events, spreading cost more than the rest of decoding.
 */
import {
  field,
  type JsonObject,
  optionalInteger,
  optionalObject,
  optionalText,
  shapeError,
} from '../fields.js';
import { readArguments, readOptionalArgument } from './arguments.js';
import type { TetragonEvent, TetragonFlow, TetragonListen } from './events.js';
import { readAncestors, readProcessIn } from './process.js';
import { optionalBytes, optionalDecimal, optionalEnum } from './readers.js';
import type { TetragonArgument, TetragonEventKind } from './types.js';

/** The record's fields around the event body. */
export interface RecordFields {
  readonly time: string | undefined;
  readonly node: string | undefined;
  readonly cluster: string | undefined;
  readonly aggregationCount: string | undefined;
}

function readTags(body: JsonObject, path: string): readonly string[] | undefined {
  const tags = field(body, 'tags');
  if (tags === undefined) return undefined;
  if (!Array.isArray(tags)) throw shapeError(`${path}.tags`, 'an array');
  if (tags.length === 0) return undefined;
  for (let index = 0; index < tags.length; index += 1) {
    if (typeof tags[index] !== 'string') throw shapeError(`${path}.tags[${index}]`, 'a string');
  }
  return tags as string[];
}

function optionalData(body: JsonObject, path: string): readonly TetragonArgument[] | undefined {
  const data = readArguments(body, 'data', path);
  return data.length === 0 ? undefined : data;
}

export function decodeBody(
  kind: TetragonEventKind,
  b: JsonObject,
  p: string,
  r: RecordFields,
): TetragonEvent {
  const { time, node, cluster, aggregationCount } = r;
  switch (kind) {
    case 'process_throttle':
      return {
        kind,
        time,
        node,
        cluster,
        aggregationCount,
        throttleType: optionalEnum(b, 'type', p),
        cgroup: optionalText(b, 'cgroup', p),
      };
    case 'rate_limit_info':
      return {
        kind,
        time,
        node,
        cluster,
        aggregationCount,
        droppedProcessEvents: optionalDecimal(b, 'number_of_dropped_process_events', p),
      };
    default:
      break;
  }
  const process = readProcessIn(b, 'process', p);
  const parent = readProcessIn(b, 'parent', p);
  const ancestors = readAncestors(b, p);
  switch (kind) {
    case 'process_exec':
      return { kind, time, node, cluster, aggregationCount, process, parent, ancestors };
    case 'process_exit':
      return {
        kind,
        time,
        node,
        cluster,
        aggregationCount,
        process,
        parent,
        ancestors,
        exitTime: optionalText(b, 'time', p),
        signal: optionalText(b, 'signal', p),
        status: optionalInteger(b, 'status', p),
      };
    case 'process_kprobe':
      return {
        kind,
        time,
        node,
        cluster,
        aggregationCount,
        process,
        parent,
        ancestors,
        policyName: optionalText(b, 'policy_name', p),
        action: optionalEnum(b, 'action', p),
        message: optionalText(b, 'message', p),
        tags: readTags(b, p),
        args: readArguments(b, 'args', p),
        functionName: optionalText(b, 'function_name', p),
        returnValue: readOptionalArgument(b, 'return', p),
        returnAction: optionalEnum(b, 'return_action', p),
        data: optionalData(b, p),
      };
    case 'process_tracepoint':
      return {
        kind,
        time,
        node,
        cluster,
        aggregationCount,
        process,
        parent,
        ancestors,
        policyName: optionalText(b, 'policy_name', p),
        action: optionalEnum(b, 'action', p),
        message: optionalText(b, 'message', p),
        tags: readTags(b, p),
        args: readArguments(b, 'args', p),
        subsys: optionalText(b, 'subsys', p),
        event: optionalText(b, 'event', p),
      };
    case 'process_lsm':
      return {
        kind,
        time,
        node,
        cluster,
        aggregationCount,
        process,
        parent,
        ancestors,
        policyName: optionalText(b, 'policy_name', p),
        action: optionalEnum(b, 'action', p),
        message: optionalText(b, 'message', p),
        tags: readTags(b, p),
        args: readArguments(b, 'args', p),
        functionName: optionalText(b, 'function_name', p),
        imaHash: optionalText(b, 'ima_hash', p),
      };
    case 'process_uprobe':
      return {
        kind,
        time,
        node,
        cluster,
        aggregationCount,
        process,
        parent,
        ancestors,
        policyName: optionalText(b, 'policy_name', p),
        action: optionalEnum(b, 'action', p),
        message: optionalText(b, 'message', p),
        tags: readTags(b, p),
        args: readArguments(b, 'args', p),
        path: optionalText(b, 'path', p),
        symbol: optionalText(b, 'symbol', p),
        offset: optionalDecimal(b, 'offset', p),
        data: optionalData(b, p),
      };
    case 'process_usdt':
      return {
        kind,
        time,
        node,
        cluster,
        aggregationCount,
        process,
        parent,
        ancestors,
        policyName: optionalText(b, 'policy_name', p),
        action: optionalEnum(b, 'action', p),
        message: optionalText(b, 'message', p),
        tags: readTags(b, p),
        args: readArguments(b, 'args', p),
        path: optionalText(b, 'path', p),
        provider: optionalText(b, 'provider', p),
        name: optionalText(b, 'name', p),
      };
    case 'process_loader':
      return {
        kind,
        time,
        node,
        cluster,
        aggregationCount,
        process,
        parent,
        ancestors,
        path: optionalText(b, 'path', p),
        buildId: optionalBytes(b, 'buildid', p),
      };
    case 'process_listen':
      return {
        kind,
        time,
        node,
        cluster,
        aggregationCount,
        process,
        parent,
        ancestors,
        protocol: optionalText(b, 'protocol', p),
        ip: optionalText(b, 'ip', p),
        port: optionalInteger(b, 'port', p),
      } satisfies TetragonListen;
    case 'process_connect':
    case 'process_close':
      return {
        kind,
        time,
        node,
        cluster,
        aggregationCount,
        process,
        parent,
        ancestors,
        protocol: optionalText(b, 'protocol', p),
        sourceIp: optionalText(b, 'source_ip', p),
        sourcePort: optionalInteger(b, 'source_port', p),
        destinationIp: optionalText(b, 'destination_ip', p),
        destinationPort: optionalInteger(b, 'destination_port', p),
        stats: readStats(b, p),
      } satisfies TetragonFlow;
    default:
      // Unreachable: the kinds without a process were returned above.
      throw shapeError(p, 'a known event body');
  }
}

const STATS = ['bytes_sent', 'bytes_received', 'segs_in', 'segs_out', 'retransmits_segs', 'srtt'] as const;

/** `process_close.stats`, in a fixed order, as decimal text. */
function readStats(body: JsonObject, path: string): TetragonFlow['stats'] {
  const stats = optionalObject(body, 'stats', path);
  if (stats === undefined) return undefined;
  const pairs: [string, string][] = [];
  for (const name of STATS) {
    const value = optionalDecimal(stats, name, `${path}.stats`);
    if (value !== undefined) pairs.push([name, value]);
  }
  return pairs.length === 0 ? undefined : pairs;
}
