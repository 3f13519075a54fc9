/**
 * The audited API request of a `source: k8s_audit` alert, from the k8saudit plugin's `ka.*` output
 * fields, and the files and connections of a syscall alert, from `fd.*` and `fs.path.*`.
 */
import type { ApiRequestInfo, ConnectionInfo, FileInfo, K8sObjectRef, K8sUser } from '../model.js';
import { fieldSlot, type OutputFields } from './output-fields.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// The request's fields stay arguments when no request is made of them, so they are only `read`.
const request = (name: string) => fieldSlot(name, 'read');
const AUDIT_ID = request('ka.auditid');
const VERB = request('ka.verb');
const URI = request('ka.uri');
const USER = request('ka.user.name');
const GROUPS = request('ka.user.groups');
const IMPERSONATED_USER = request('ka.impersonated.user.name');
const IMPERSONATED_GROUPS = request('ka.impersonated.user.groups');
const SOURCE_IPS = request('ka.sourceips');
const USER_AGENT = request('ka.useragent');
const RESOURCE = request('ka.target.resource');
const SUBRESOURCE = request('ka.target.subresource');
const TARGET_NAMESPACE = request('ka.target.namespace');
const TARGET_NAME = request('ka.target.name');
const RESPONSE_CODE = request('ka.response.code');
const DECISION = request('ka.auth.decision');
const REASON = request('ka.auth.reason');

/** Slots {@link requestOf} maps into a request (not repeated as arguments when it makes one). */
export const REQUEST_SLOTS: ReadonlySet<number> = new Set([
  AUDIT_ID,
  VERB,
  URI,
  USER,
  GROUPS,
  IMPERSONATED_USER,
  IMPERSONATED_GROUPS,
  SOURCE_IPS,
  USER_AGENT,
  RESOURCE,
  SUBRESOURCE,
  TARGET_NAMESPACE,
  TARGET_NAME,
  RESPONSE_CODE,
  DECISION,
  REASON,
]);

/** `fd.name` and `evt.arg.flags` are mapped only when `fd.name` is a file (or, `fd.name`, a socket). */
export const FD_NAME = fieldSlot('fd.name', 'read');
export const OPEN_FLAGS = fieldSlot('evt.arg.flags', 'read');
// The syscall names the file operation and is also kept as an argument.
const EVENT_TYPE = fieldSlot('evt.type', 'read');

const mapped = (name: string) => fieldSlot(name, 'mapped');
const FD_TYPE = mapped('fd.type');
const PATH_NAME = mapped('fs.path.name');
const PATH_SOURCE = mapped('fs.path.source');
const PATH_TARGET = mapped('fs.path.target');
const L4_PROTOCOL = mapped('fd.l4proto');
const CLIENT_SERVER = [mapped('fd.cip'), mapped('fd.cport'), mapped('fd.sip'), mapped('fd.sport')] as const;
const LOCAL_REMOTE = [mapped('fd.lip'), mapped('fd.lport'), mapped('fd.rip'), mapped('fd.rport')] as const;

/**
 * The request, when the alert names both its audit id and verb (the model identifies a request by
 * them). The stock k8s_audit rules print neither; their `ka.*` fields then stay detection arguments.
 */
export function requestOf(fields: OutputFields): ApiRequestInfo | undefined {
  const auditId = fields.text(AUDIT_ID);
  const verb = fields.text(VERB);
  if (auditId === undefined || verb === undefined) return undefined;
  const out: Mutable<ApiRequestInfo> = { auditId, verb };
  const uri = fields.text(URI);
  if (uri !== undefined) out.requestUri = uri;
  const user = userOf(fields, USER, GROUPS);
  if (user !== undefined) out.user = user;
  const impersonated = userOf(fields, IMPERSONATED_USER, IMPERSONATED_GROUPS);
  if (impersonated !== undefined) out.impersonatedUser = impersonated;
  const sourceIps = fields.texts(SOURCE_IPS);
  if (sourceIps !== undefined) out.sourceIps = sourceIps;
  const userAgent = fields.text(USER_AGENT);
  if (userAgent !== undefined) out.userAgent = userAgent;
  const object = objectOf(fields);
  if (object !== undefined) out.object = object;
  const code = fields.integer(RESPONSE_CODE);
  if (code !== undefined) out.responseCode = code;
  const decision = fields.text(DECISION);
  if (decision !== undefined) out.decision = decision;
  const reason = fields.text(REASON);
  if (reason !== undefined) out.reason = reason;
  return out;
}

function userOf(fields: OutputFields, nameSlot: number, groupsSlot: number): K8sUser | undefined {
  const username = fields.text(nameSlot);
  if (username === undefined) return undefined;
  const groups = fields.texts(groupsSlot);
  return groups === undefined ? { username } : { username, groups };
}

function objectOf(fields: OutputFields): K8sObjectRef | undefined {
  const resource = fields.text(RESOURCE);
  if (resource === undefined) return undefined;
  const out: Mutable<K8sObjectRef> = { resource };
  const subresource = fields.text(SUBRESOURCE);
  if (subresource !== undefined) out.subresource = subresource;
  const namespace = fields.text(TARGET_NAMESPACE);
  if (namespace !== undefined) out.namespace = namespace;
  const name = fields.text(TARGET_NAME);
  if (name !== undefined) out.name = name;
  return out;
}

/** True when `fd.name` names a file: `fd.type` says file or directory, or, unstated, it is a path. */
export function fdIsFile(fields: OutputFields): boolean {
  const type = fields.text(FD_TYPE);
  if (type !== undefined) return type === 'file' || type === 'directory';
  return fields.text(FD_NAME)?.startsWith('/') === true;
}

/** The files the event touched: `fd.name` (when `fdFile`, see {@link fdIsFile}) and `fs.path.*`, each once. */
export function filesOf(fields: OutputFields, fdFile: boolean): readonly FileInfo[] | undefined {
  const operation = fields.text(EVENT_TYPE);
  const files: FileInfo[] = [];
  if (fdFile) addFile(files, fields.text(FD_NAME), operation, fields.text(OPEN_FLAGS));
  addFile(files, fields.text(PATH_NAME), operation);
  addFile(files, fields.text(PATH_SOURCE), 'source');
  addFile(files, fields.text(PATH_TARGET), 'target');
  return files.length === 0 ? undefined : files;
}

function addFile(files: FileInfo[], path: string | undefined, operation?: string, flags?: string): void {
  if (path === undefined || files.some((file) => file.path === path)) return;
  const file: Mutable<FileInfo> = { path };
  if (operation !== undefined) file.operation = operation;
  if (flags !== undefined) file.flags = flags;
  files.push(file);
}

// `fd.name` of an IPv4 socket: `client:port->server:port`. IPv6 names are ambiguous (`::1:80`) and not split.
const IPV4_SOCKET = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})->(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;
const MAX_SOCKET_NAME = 47;

export type Socket = readonly [clientIp: string, clientPort: number, serverIp: string, serverPort: number];

/** The endpoints `fd.name` gives for an IPv4 socket, client first; undefined for anything else. */
export function socketOf(fields: OutputFields): Socket | undefined {
  const name = fields.text(FD_NAME);
  if (name === undefined || name.length > MAX_SOCKET_NAME) return undefined;
  const match = IPV4_SOCKET.exec(name);
  if (match === null) return undefined;
  const [, clientIp = '', clientPort = '', serverIp = '', serverPort = ''] = match;
  return [clientIp, Number(clientPort), serverIp, Number(serverPort)];
}

/**
 * The connection of a socket event. Client and server (`fd.cip`/`fd.sip`, or `fd.name` split by
 * {@link socketOf}) give the direction; without them, local is taken as the source and remote as the
 * destination, as for an outgoing connection.
 */
export function connectionsOf(
  fields: OutputFields,
  socket: Socket | undefined,
): readonly ConnectionInfo[] | undefined {
  const clientServer = socket !== undefined || CLIENT_SERVER.some((slot) => fields.text(slot) !== undefined);
  const [src, srcPort, dst, dstPort] = clientServer ? CLIENT_SERVER : LOCAL_REMOTE;
  const out: Mutable<ConnectionInfo> = {};
  const srcIp = fields.text(src) ?? socket?.[0];
  if (srcIp !== undefined) out.srcIp = srcIp;
  const sourcePort = fields.port(srcPort) ?? socket?.[1];
  if (sourcePort !== undefined) out.srcPort = sourcePort;
  const dstIp = fields.text(dst) ?? socket?.[2];
  if (dstIp !== undefined) out.dstIp = dstIp;
  const destinationPort = fields.port(dstPort) ?? socket?.[3];
  if (destinationPort !== undefined) out.dstPort = destinationPort;
  if (Object.keys(out).length === 0) return undefined;
  const protocol = fields.text(L4_PROTOCOL);
  if (protocol !== undefined) out.protocol = protocol.toLowerCase();
  return [out];
}
