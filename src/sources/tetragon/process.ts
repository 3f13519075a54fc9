/** Reads Tetragon's `Process` message and the Kubernetes `Pod` / `Container` inside it. */
import {
  field,
  type JsonObject,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalStringMap,
  optionalText,
  shapeError,
} from '../fields.js';
import type { TetragonContainer, TetragonPod, TetragonProcess } from './types.js';

export function readProcess(object: JsonObject, path: string): TetragonProcess {
  const pod = optionalObject(object, 'pod', path);
  return {
    execId: optionalText(object, 'exec_id', path),
    parentExecId: optionalText(object, 'parent_exec_id', path),
    pid: optionalInteger(object, 'pid', path),
    tid: optionalInteger(object, 'tid', path),
    uid: optionalInteger(object, 'uid', path),
    auid: optionalInteger(object, 'auid', path),
    cwd: optionalText(object, 'cwd', path),
    binary: optionalText(object, 'binary', path),
    arguments: optionalText(object, 'arguments', path),
    flags: optionalText(object, 'flags', path),
    startTime: optionalText(object, 'start_time', path),
    docker: optionalText(object, 'docker', path),
    pod: pod === undefined ? undefined : readPod(pod, `${path}.pod`),
    inInitTree: optionalBoolean(object, 'in_init_tree', path),
  };
}

function readPod(object: JsonObject, path: string): TetragonPod {
  const container = optionalObject(object, 'container', path);
  return {
    namespace: optionalText(object, 'namespace', path),
    name: optionalText(object, 'name', path),
    uid: optionalText(object, 'uid', path),
    labels: optionalStringMap(object, 'pod_labels', path),
    workload: optionalText(object, 'workload', path),
    workloadKind: optionalText(object, 'workload_kind', path),
    container: container === undefined ? undefined : readContainer(container, `${path}.container`),
  };
}

function readContainer(object: JsonObject, path: string): TetragonContainer {
  const image = optionalObject(object, 'image', path);
  const imagePath = `${path}.image`;
  const securityContext = optionalObject(object, 'security_context', path);
  return {
    id: optionalText(object, 'id', path),
    name: optionalText(object, 'name', path),
    imageName: image === undefined ? undefined : optionalText(image, 'name', imagePath),
    imageId: image === undefined ? undefined : optionalText(image, 'id', imagePath),
    startTime: optionalText(object, 'start_time', path),
    pid: optionalInteger(object, 'pid', path),
    maybeExecProbe: optionalBoolean(object, 'maybe_exec_probe', path),
    privileged:
      securityContext === undefined
        ? undefined
        : optionalBoolean(securityContext, 'privileged', `${path}.security_context`),
  };
}

/** The `Process` under `key` (`process` or `parent`) of an event body, if present. */
export function readProcessIn(body: JsonObject, key: string, path: string): TetragonProcess | undefined {
  const object = optionalObject(body, key, path);
  return object === undefined ? undefined : readProcess(object, `${path}.${key}`);
}

/** `ancestors`: the processes beyond the parent, nearest first. */
export function readAncestors(body: JsonObject, path: string): readonly TetragonProcess[] | undefined {
  const value = field(body, 'ancestors');
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw shapeError(`${path}.ancestors`, 'an array');
  if (value.length === 0) return undefined;
  const out: TetragonProcess[] = [];
  for (let index = 0; index < value.length; index += 1) {
    const item: unknown = value[index];
    const itemPath = `${path}.ancestors[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw shapeError(itemPath, 'an object');
    out.push(readProcess(item as JsonObject, itemPath));
  }
  return out;
}
