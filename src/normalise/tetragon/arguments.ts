/**
 * Sorts a hook's arguments into what the model has a place for: file-like arguments become files (the
 * operation is the hook that saw them), socket-like ones connections, and the rest short texts in order.
 */
import type { TetragonArgument } from '../../sources/index.js';
import type { ConnectionInfo, FileInfo } from '../model.js';
import { skbConnection, sockaddrConnection, socketConnection } from './network.js';
import type { Mutable } from './process.js';
import { renderArgument } from './render.js';

/** What the arguments of one event add up to; each list is created only when something goes in it. */
export class ArgumentSink {
  files: FileInfo[] | undefined;
  connections: ConnectionInfo[] | undefined;
  texts: string[] | undefined;

  addFile(file: FileInfo): void {
    if (this.files === undefined) this.files = [file];
    else this.files.push(file);
  }

  addConnection(connection: ConnectionInfo): void {
    if (this.connections === undefined) this.connections = [connection];
    else this.connections.push(connection);
  }

  addText(text: string): void {
    if (this.texts === undefined) this.texts = [text];
    else this.texts.push(text);
  }
}

const ACCEPT = /accept/i;

function file(path: string, operation: string | undefined, flags: string | undefined): FileInfo {
  const out: Mutable<FileInfo> = { path };
  if (operation !== undefined) out.operation = operation;
  if (flags !== undefined) out.flags = flags;
  return out;
}

/** Open flags and permission bits, both when both were reported. */
function fileFlags(flags: string | undefined, permission: string | undefined): string | undefined {
  if (flags === undefined) return permission;
  return permission === undefined ? flags : `${flags} ${permission}`;
}

/** The file a file-like argument names, if it names one. */
function fileOf(arg: TetragonArgument, hook: string | undefined): FileInfo | undefined {
  switch (arg.kind) {
    case 'file':
    case 'path':
    case 'linux_binprm':
      return arg.file.path === undefined
        ? undefined
        : file(arg.file.path, hook, fileFlags(arg.file.flags, arg.file.permission));
    case 'sockaddr_un':
      return arg.path === undefined ? undefined : file(arg.path, hook, undefined);
    default:
      return undefined;
  }
}

/** The flow a socket-like argument describes, if its family is an Internet one. */
function connectionOf(arg: TetragonArgument, hook: string | undefined): ConnectionInfo | undefined {
  switch (arg.kind) {
    case 'sock':
      return socketConnection(arg.sock, hook !== undefined && ACCEPT.test(hook));
    case 'skb':
      return skbConnection(arg.skb);
    case 'sockaddr':
      return sockaddrConnection(arg.family, arg.addr, arg.port);
    default:
      return undefined;
  }
}

/** Adds one argument to the sink; `hook` names the operation for files and tells accepts apart. */
export function collectArgument(arg: TetragonArgument, hook: string | undefined, sink: ArgumentSink): void {
  const named = fileOf(arg, hook);
  if (named !== undefined) {
    sink.addFile(named);
    return;
  }
  const flow = connectionOf(arg, hook);
  if (flow !== undefined) {
    sink.addConnection(flow);
    return;
  }
  sink.addText(renderArgument(arg));
}

export function collectArguments(
  args: readonly TetragonArgument[] | undefined,
  hook: string | undefined,
  sink: ArgumentSink,
): void {
  if (args === undefined) return;
  for (const arg of args) collectArgument(arg, hook, sink);
}
