/**
 * The acting `process` and its ancestors: a chain linked by `parent_ref`, each with its executable as a
 * `file` and its unix user. Ids come from exec ids where the sensor has them (the same execution is one
 * object across events and sensors); without one, a process is only known within its own event, so its
 * id is derived from the record and its place in the chain (deterministic, never shared by accident).
 */
import { namedIdentifier, PROCESS_K8S_CONTEXT, type StixObject } from '../../stix/index.js';
import type { NormalisedEvent, ProcessInfo } from '../model.js';
import type { IdMemo } from './ids.js';
import { type ObjectSet, pathObjects, unixUserObject } from './objects.js';
import { bounded, defined } from './text.js';

export interface ProcessScope {
  readonly memo: IdMemo;
  readonly set: ObjectSet;
  readonly cluster: string | undefined;
  readonly recordDigest: string;
  readonly podRef: string | undefined;
  readonly containerRef: string | undefined;
  readonly connectionRefs: readonly string[];
}

const TOPLEVEL = { [PROCESS_K8S_CONTEXT.definition.id]: { extension_type: 'toplevel-property-extension' } };

/** Adds the process of `event` and its lineage; returns the acting process id. */
export function addProcessChain(event: NormalisedEvent, scope: ProcessScope): string | undefined {
  if (event.process === undefined) return undefined;
  const chain = [event.process, ...(event.lineage ?? [])];
  const ids = chain.map((process, depth) => processId(process, depth, scope));
  for (const [depth, process] of chain.entries()) {
    const acting = depth === 0;
    scope.set.add(
      processObject(
        process,
        ids[depth] as string,
        ids[depth + 1],
        scope,
        acting ? event.node : undefined,
        acting,
      ),
    );
  }
  return ids[0];
}

function processId(process: ProcessInfo, depth: number, scope: ProcessScope): string {
  if (process.execId !== undefined && process.execId.length > 0) {
    return scope.memo.process(process.execId, scope.cluster);
  }
  return namedIdentifier('process', `record:${scope.recordDigest}:${depth}`);
}

function processObject(
  process: ProcessInfo,
  id: string,
  parentRef: string | undefined,
  scope: ProcessScope,
  node: string | undefined,
  acting: boolean,
): StixObject {
  const image = process.binary ?? process.name;
  let imageRef: string | undefined;
  if (image !== undefined && image.length > 0) {
    const objects = pathObjects(scope.memo, image);
    for (const object of objects) scope.set.add(object);
    imageRef = objects[0]?.type === 'file' ? objects[0].id : undefined;
  }
  const userRef =
    process.uid === undefined ? undefined : scope.set.add(unixUserObject(scope.memo, process.uid));
  const execId = bounded(process.execId);
  const context = execId
    ? {
        exec_id: execId,
        parent_exec_id: bounded(process.parentExecId),
        k8s_pod_ref: acting ? scope.podRef : undefined,
        k8s_container_ref: acting ? scope.containerRef : undefined,
        k8s_node_name: bounded(node),
        k8s_cluster: scope.cluster,
      }
    : undefined;
  return defined({
    type: 'process',
    spec_version: '2.1',
    id,
    pid: process.pid,
    created_time: process.startTime?.toString(),
    cwd: process.cwd || undefined,
    command_line: commandLine(process),
    image_ref: imageRef,
    creator_user_ref: userRef,
    parent_ref: parentRef,
    opened_connection_refs: acting && scope.connectionRefs.length > 0 ? [...scope.connectionRefs] : undefined,
    ...context,
    extensions: context ? TOPLEVEL : undefined,
  }) as StixObject;
}

function commandLine(process: ProcessInfo): string | undefined {
  if (process.commandLine) return process.commandLine;
  if (process.binary && process.arguments) return `${process.binary} ${process.arguments}`;
  return process.binary || undefined;
}
