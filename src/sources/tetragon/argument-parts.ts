/** The structured parts of hook arguments: file views, capability sets, user namespaces, credentials. */
import {
  type JsonObject,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalText,
} from '../fields.js';
import { optionalEnumList } from './readers.js';
import type {
  TetragonCapabilities,
  TetragonCredentials,
  TetragonFileArgument,
  TetragonUserNamespace,
} from './types.js';

export function readFile(object: JsonObject, path: string): TetragonFileArgument {
  return {
    path: optionalText(object, 'path', path),
    mount: optionalText(object, 'mount', path),
    flags: optionalText(object, 'flags', path),
    permission: optionalText(object, 'permission', path),
  };
}

export function readCapabilities(object: JsonObject, path: string): TetragonCapabilities {
  return {
    permitted: optionalEnumList(object, 'permitted', path),
    effective: optionalEnumList(object, 'effective', path),
    inheritable: optionalEnumList(object, 'inheritable', path),
  };
}

/** `UserNamespace`, or the deprecated `KprobeUserNamespace` whose uid and gid are `owner` and `group`. */
export function readUserNamespace(object: JsonObject, path: string, legacy: boolean): TetragonUserNamespace {
  const ns = optionalObject(object, 'ns', path);
  const nsPath = `${path}.ns`;
  return {
    level: optionalInteger(object, 'level', path),
    uid: optionalInteger(object, legacy ? 'owner' : 'uid', path),
    gid: optionalInteger(object, legacy ? 'group' : 'gid', path),
    inum: ns === undefined ? undefined : optionalInteger(ns, 'inum', nsPath),
    isHost: ns === undefined ? undefined : optionalBoolean(ns, 'is_host', nsPath),
  };
}

export function readCredentials(object: JsonObject, path: string): TetragonCredentials {
  const caps = optionalObject(object, 'caps', path);
  const userNs = optionalObject(object, 'user_ns', path);
  return {
    uid: optionalInteger(object, 'uid', path),
    gid: optionalInteger(object, 'gid', path),
    euid: optionalInteger(object, 'euid', path),
    egid: optionalInteger(object, 'egid', path),
    suid: optionalInteger(object, 'suid', path),
    sgid: optionalInteger(object, 'sgid', path),
    fsuid: optionalInteger(object, 'fsuid', path),
    fsgid: optionalInteger(object, 'fsgid', path),
    securebits: optionalEnumList(object, 'securebits', path),
    caps: caps === undefined ? undefined : readCapabilities(caps, `${path}.caps`),
    userNs: userNs === undefined ? undefined : readUserNamespace(userNs, `${path}.user_ns`, false),
  };
}
