/**
 * A decoded Tetragon event into the normalised model. Kind is the event key; time the record's `time`
 * (for an exit, its own `time` when the record has none; for an exec, the process's start, which is the
 * exec); node, cluster, pod, container and process from the record; files, connections and detection
 * from the hook and its arguments. Tetragon reports no severity, so none is set.
 */
import type { TetragonEvent } from '../../sources/index.js';
import type { DetectionInfo, NormalisedEvent } from '../model.js';
import type { NormaliseContext, Normalised } from '../types.js';
import { ArgumentSink, collectArguments } from './arguments.js';
import { hookOf, policyDetection } from './detection.js';
import { flowConnection } from './network.js';
import { type Mutable, mapProcesses, parseTime, toContainerInfo, toPodInfo } from './process.js';
import { hex } from './render.js';

function eventTimeText(event: TetragonEvent): string | undefined {
  if (event.time !== undefined) return event.time;
  if (event.kind === 'process_exit') return event.exitTime;
  if (event.kind === 'process_exec') return event.process?.startTime;
  return undefined;
}

function timeRejection(text: string | undefined): Normalised {
  const shown = text === undefined ? '' : JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
  const message = text === undefined ? '$.time is missing.' : `$.time ${shown} is not an RFC 3339 timestamp.`;
  return { ok: false, rejection: { code: 'KSTORM_EVENT_TIME', message, path: '$.time' } };
}

/** Adds what is specific to each event kind: files, connections and the detection. */
function addKindSpecifics(event: TetragonEvent, out: Mutable<NormalisedEvent>, sink: ArgumentSink): void {
  let detection: Mutable<DetectionInfo> | undefined;
  switch (event.kind) {
    case 'process_kprobe':
    case 'process_tracepoint':
    case 'process_lsm':
    case 'process_uprobe':
    case 'process_usdt': {
      const hook = hookOf(event);
      collectArguments(event.args, hook, sink);
      if (event.kind === 'process_kprobe' || event.kind === 'process_uprobe') {
        collectArguments(event.data, hook, sink);
      }
      if (event.kind === 'process_lsm' && event.imaHash !== undefined)
        sink.addText(`ima_hash:${event.imaHash}`);
      detection = policyDetection(event, hook);
      break;
    }
    case 'process_exit':
      if (event.signal !== undefined) sink.addText(`signal:${event.signal}`);
      if (event.status !== undefined) sink.addText(`status:${event.status}`);
      break;
    case 'process_loader':
      if (event.path !== undefined) sink.addFile({ path: event.path, operation: 'load' });
      if (event.buildId !== undefined) sink.addText(`buildid:${hex(event.buildId)}`);
      break;
    case 'process_throttle':
      if (event.throttleType !== undefined) sink.addText(`throttle:${event.throttleType}`);
      if (event.cgroup !== undefined) sink.addText(`cgroup:${event.cgroup}`);
      break;
    case 'rate_limit_info':
      if (event.droppedProcessEvents !== undefined) {
        sink.addText(`dropped_process_events:${event.droppedProcessEvents}`);
      }
      break;
    case 'process_listen': {
      // The listening address is where connections will go: the destination of future flows.
      const flow = flowConnection(event.protocol, undefined, undefined, event.ip, event.port);
      if (flow !== undefined) sink.addConnection(flow);
      break;
    }
    case 'process_connect':
    case 'process_close': {
      const { protocol, sourceIp, sourcePort, destinationIp, destinationPort } = event;
      const flow = flowConnection(protocol, sourceIp, sourcePort, destinationIp, destinationPort);
      if (flow !== undefined) sink.addConnection(flow);
      if (event.kind === 'process_close' && event.stats !== undefined) {
        for (const [name, value] of event.stats) sink.addText(`${name}:${value}`);
      }
      break;
    }
    case 'process_exec':
      break;
  }
  if (event.aggregationCount !== undefined) sink.addText(`aggregation_count:${event.aggregationCount}`);
  if (sink.files !== undefined) out.files = sink.files;
  if (sink.connections !== undefined) out.connections = sink.connections;
  if (sink.texts !== undefined) {
    detection ??= {};
    detection.arguments = sink.texts;
  }
  if (detection !== undefined) out.detection = detection;
}

/** Normalises one Tetragon event; never throws. */
export function normaliseTetragonEvent(
  event: TetragonEvent,
  raw: string,
  context: NormaliseContext,
): Normalised {
  const timeText = eventTimeText(event);
  // A record with no time at all (documentation excerpts, hand-edited samples) keeps the time kstorm
  // received it, marked as such; a time that is present but malformed is bad data and is rejected.
  const received = timeText === undefined ? context.receivedAt?.() : undefined;
  const time = received ?? parseTime(timeText);
  if (time === undefined) return timeRejection(timeText);
  const out: Mutable<NormalisedEvent> = { source: 'tetragon', kind: event.kind, time, raw };
  if (received !== undefined) out.timeReceived = true;
  if (event.node !== undefined) out.node = event.node;
  if (event.cluster !== undefined) out.cluster = event.cluster;
  if (event.kind !== 'process_throttle' && event.kind !== 'rate_limit_info') {
    const pod = toPodInfo(event.process);
    if (pod !== undefined) out.pod = pod;
    const container = toContainerInfo(event.process);
    if (container !== undefined) out.container = container;
    const { process, lineage } = mapProcesses(event, context);
    if (process !== undefined) out.process = process;
    if (lineage !== undefined) out.lineage = lineage;
  }
  addKindSpecifics(event, out, new ArgumentSink());
  return { ok: true, event: out };
}
