/**
 * Short text for a hook argument that is neither a file nor a connection: `int:0`, `capability:CAP_SYSLOG`,
 * `bytes(12):hello\nworld`. Attacker-controlled values are bounded: strings at PATH_MAX, byte previews
 * at 128 bytes with non-printable bytes escaped.
 */
import type { TetragonArgument, TetragonCapabilities, TetragonUserNamespace } from '../../sources/index.js';

const MAX_STRING = 4096;
const MAX_BYTES = 128;

export function bounded(text: string): string {
  return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
}

const HEX = '0123456789abcdef';

/** Bytes as text: printable ASCII as is, `\n` `\t` `\r` `\\` escaped, everything else `\xNN`. */
export function bytesPreview(bytes: Uint8Array): string {
  const end = Math.min(bytes.length, MAX_BYTES);
  let out = '';
  for (let i = 0; i < end; i += 1) {
    const byte = bytes[i] ?? 0;
    if (byte === 0x5c) out += '\\\\';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x09) out += '\\t';
    else if (byte === 0x0d) out += '\\r';
    else out += `\\x${HEX[byte >> 4]}${HEX[byte & 0xf]}`;
  }
  return bytes.length > MAX_BYTES ? `${out}…` : out;
}

export function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += `${HEX[byte >> 4]}${HEX[byte & 0xf]}`;
  return out;
}

/** `name=value` pairs for the values that were reported, space separated. */
function pairs(...entries: readonly (readonly [string, string | number | boolean | undefined])[]): string {
  let out = '';
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    out += `${out === '' ? '' : ' '}${name}=${typeof value === 'string' ? bounded(value) : value}`;
  }
  return out;
}

function list(values: readonly string[] | undefined): string | undefined {
  return values === undefined ? undefined : values.join(',');
}

function capabilities(caps: TetragonCapabilities | undefined) {
  return [
    ['effective', list(caps?.effective)],
    ['permitted', list(caps?.permitted)],
    ['inheritable', list(caps?.inheritable)],
  ] as const;
}

function userNamespace(ns: TetragonUserNamespace | undefined, prefix: string) {
  return [
    [`${prefix}level`, ns?.level],
    [`${prefix}uid`, ns?.uid],
    [`${prefix}gid`, ns?.gid],
    [`${prefix}inum`, ns?.inum],
    [`${prefix}is_host`, ns?.isHost],
  ] as const;
}

/** The value alone (`0`, `/etc/passwd`), as a hook's return value is shown. */
export function renderValue(arg: TetragonArgument): string {
  switch (arg.kind) {
    case 'int':
    case 'uint':
      return String(arg.value);
    case 'long':
    case 'size':
    case 'kernel_cap_t':
    case 'cap_inheritable':
    case 'cap_permitted':
    case 'cap_effective':
    case 'bpf_cmd':
      return arg.value;
    case 'string':
      return bounded(arg.value);
    case 'bytes':
    case 'truncated_bytes':
      return bytesPreview(arg.bytes);
    case 'file':
    case 'path':
    case 'linux_binprm':
      return pairs(
        ['path', arg.file.path],
        ['mount', arg.file.mount],
        ['flags', arg.file.flags],
        ['permission', arg.file.permission],
      );
    case 'sock':
      return pairs(
        ['family', arg.sock.family],
        ['type', arg.sock.type],
        ['protocol', arg.sock.protocol],
        ['state', arg.sock.state],
        ['saddr', arg.sock.saddr],
        ['sport', arg.sock.sport],
        ['daddr', arg.sock.daddr],
        ['dport', arg.sock.dport],
      );
    case 'skb':
      return pairs(
        ['family', arg.skb.family],
        ['protocol', arg.skb.protocol ?? arg.skb.proto],
        ['saddr', arg.skb.saddr],
        ['sport', arg.skb.sport],
        ['daddr', arg.skb.daddr],
        ['dport', arg.skb.dport],
        ['len', arg.skb.len],
      );
    case 'sockaddr':
      return pairs(['family', arg.family], ['addr', arg.addr], ['port', arg.port]);
    case 'sockaddr_un':
      return pairs(['family', arg.family], ['path', arg.path]);
    case 'cred':
      return pairs(...capabilities(arg.caps));
    case 'process_credentials': {
      const c = arg.credentials;
      return pairs(
        ['uid', c.uid],
        ['euid', c.euid],
        ['suid', c.suid],
        ['fsuid', c.fsuid],
        ['gid', c.gid],
        ['egid', c.egid],
        ['sgid', c.sgid],
        ['fsgid', c.fsgid],
        ['securebits', list(c.securebits)],
        ...capabilities(c.caps),
        ...userNamespace(c.userNs, 'user_ns.'),
      );
    }
    case 'capability':
      return arg.name ?? (arg.value === undefined ? '' : String(arg.value));
    case 'user_ns':
      return pairs(...userNamespace(arg.userNs, ''));
    case 'module':
      return pairs(['name', arg.name], ['signature_ok', arg.signatureOk], ['tainted', list(arg.tainted)]);
    case 'net_dev':
      return bounded(arg.name ?? '');
    case 'bpf_attr':
    case 'bpf_prog':
      return pairs(['prog_type', arg.progType], ['insn_cnt', arg.insnCnt], ['prog_name', arg.progName]);
    case 'bpf_map':
      return pairs(
        ['map_type', arg.mapType],
        ['key_size', arg.keySize],
        ['value_size', arg.valueSize],
        ['max_entries', arg.maxEntries],
        ['map_name', arg.mapName],
      );
    case 'perf_event':
      return pairs(
        ['kprobe_func', arg.kprobeFunc],
        ['type', arg.type],
        ['config', arg.config],
        ['probe_offset', arg.probeOffset],
      );
    case 'syscall_id':
      return pairs(['id', arg.id], ['abi', arg.abi]);
    case 'error':
      return bounded(arg.message ?? '');
    case 'other':
      return arg.text;
    case 'empty':
      return '';
  }
}

/** The argument kind as shown; byte values add their size (`bytes(627)`, `truncated_bytes(65536)`). */
function kindName(arg: TetragonArgument): string {
  if (arg.kind === 'other') return arg.key.length > 64 ? `${arg.key.slice(0, 64)}…` : arg.key;
  if (arg.kind === 'bytes') return `bytes(${arg.bytes.length})`;
  if (arg.kind === 'truncated_bytes') return `truncated_bytes(${arg.origSize ?? arg.bytes.length})`;
  return arg.kind;
}

/** `kind:value`, after the policy's `label=` when it gave one. */
export function renderArgument(arg: TetragonArgument): string {
  const text = arg.kind === 'empty' ? 'empty' : `${kindName(arg)}:${renderValue(arg)}`;
  return arg.label === undefined ? text : `${bounded(arg.label)}=${text}`;
}
