/**
 * What an alert's rule-specific `arguments` and `identifiers` say it touched: files (`path`, a link's
 * `oldPath`/`newPath`, `identifiers.file`), connections (egress `ip`/`port`/`proto`, SSH `src_ip`…),
 * the return value (`retval`), and everything else rendered as `key=value` detection arguments — a DNS
 * alert's `domain` among them: the addresses it lists are answers, not a connection that was made.
 */
import type { JsonObject, KubescapeAlert } from '../../sources/index.js';
import type { ConnectionInfo, FileInfo } from '../model.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Arguments rendered at most; a rule reports a handful. */
export const MAX_KUBESCAPE_ARGUMENTS = 64;

export interface Artefacts {
  readonly files?: readonly FileInfo[];
  readonly connections?: readonly ConnectionInfo[];
  readonly returnValue?: string;
  readonly arguments?: readonly string[];
}

function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const PORT_TEXT = /^\d{1,5}$/;
const NO_ARGUMENTS: JsonObject = Object.freeze({});

function portOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && PORT_TEXT.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 && number <= 65_535
    ? number
    : undefined;
}

function exactScalar(value: unknown): value is string | number | boolean {
  if (typeof value === 'number')
    return Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value));
  return typeof value === 'string' || typeof value === 'boolean';
}

/** `key=value`: scalars as text, a list of scalars joined with `,`; undefined for what has no text. */
function render(key: string, value: unknown): string | undefined {
  if (exactScalar(value)) return value === '' ? undefined : `${key}=${String(value)}`;
  if (!Array.isArray(value)) return undefined;
  const parts: string[] = [];
  for (const item of value) if (exactScalar(item)) parts.push(String(item));
  return parts.length === 0 ? undefined : `${key}=${parts.join(',')}`;
}

function flagsOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (!Array.isArray(value)) return undefined;
  const flags = value.filter((item): item is string => typeof item === 'string' && item !== '');
  return flags.length === 0 ? undefined : flags.join('|');
}

function joinPath(directory: string | undefined, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (directory === undefined) return name.startsWith('/') ? name : undefined;
  return directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`;
}

function connection(
  protocol: unknown,
  srcIp: unknown,
  srcPort: unknown,
  dstIp: unknown,
  dstPort: unknown,
): ConnectionInfo | undefined {
  const out: Mutable<ConnectionInfo> = {};
  const source = nonEmptyText(srcIp);
  if (source !== undefined) out.srcIp = source;
  const sourcePort = portOf(srcPort);
  if (sourcePort !== undefined) out.srcPort = sourcePort;
  const destination = nonEmptyText(dstIp);
  if (destination !== undefined) out.dstIp = destination;
  const destinationPort = portOf(dstPort);
  if (destinationPort !== undefined) out.dstPort = destinationPort;
  if (Object.keys(out).length === 0) return undefined;
  const transport = nonEmptyText(protocol);
  if (transport !== undefined) out.protocol = transport.toLowerCase();
  return out;
}

const EGRESS_KEYS = ['ip', 'port', 'proto'];
const SSH_KEYS = ['src_ip', 'src_port', 'dst_ip', 'dst_port'];

export function artefactsOf(alert: KubescapeAlert): Artefacts {
  const args = alert.arguments ?? NO_ARGUMENTS;
  const used = new Set<string>();
  const files: FileInfo[] = [];
  const addFile = (path: string | undefined, operation?: string, flags?: string) => {
    if (path === undefined || files.some((file) => file.path === path)) return;
    const file: Mutable<FileInfo> = { path };
    if (operation !== undefined) file.operation = operation;
    if (flags !== undefined) file.flags = flags;
    files.push(file);
  };
  const path = nonEmptyText(own(args, 'path'));
  if (path !== undefined) {
    const flags = flagsOf(own(args, 'flags'));
    addFile(path, flags === undefined ? undefined : 'open', flags);
    used.add('path').add('flags');
  }
  const oldPath = nonEmptyText(own(args, 'oldPath'));
  if (oldPath !== undefined) addFile(oldPath, 'link-target');
  const newPath = nonEmptyText(own(args, 'newPath'));
  if (newPath !== undefined) addFile(newPath, 'link');
  if (oldPath !== undefined || newPath !== undefined) used.add('oldPath').add('newPath');
  const identifiers = alert.identifiers;
  addFile(identifiers?.filePath ?? joinPath(identifiers?.fileDirectory, identifiers?.fileName));

  let found: ConnectionInfo | undefined;
  if (own(args, 'ip') !== undefined) {
    found = connection(own(args, 'proto'), undefined, undefined, own(args, 'ip'), own(args, 'port'));
    if (found !== undefined) for (const key of EGRESS_KEYS) used.add(key);
  } else if (own(args, 'dst_ip') !== undefined || own(args, 'src_ip') !== undefined) {
    const [srcIp, srcPort, dstIp, dstPort] = SSH_KEYS.map((key) => own(args, key));
    found = connection(undefined, srcIp, srcPort, dstIp, dstPort);
    if (found !== undefined) for (const key of SSH_KEYS) used.add(key);
  } else if (
    own(args, 'domain') === undefined &&
    identifiers?.dnsDomain === undefined &&
    identifiers !== undefined
  ) {
    const { networkProtocol, networkAddress, networkPort } = identifiers;
    found = connection(networkProtocol, undefined, undefined, networkAddress, networkPort);
  }

  const out: Mutable<Artefacts> = {};
  if (files.length > 0) out.files = files;
  if (found !== undefined) out.connections = [found];
  const retval = own(args, 'retval');
  if (exactScalar(retval)) {
    out.returnValue = String(retval);
    used.add('retval');
  }
  const rendered: string[] = [];
  for (const key in args) {
    if (!Object.hasOwn(args, key) || used.has(key)) continue;
    const text = render(key, args[key]);
    if (text !== undefined) rendered.push(text);
    if (rendered.length === MAX_KUBESCAPE_ARGUMENTS) break;
  }
  if (rendered.length > 0) out.arguments = rendered;
  return out;
}
