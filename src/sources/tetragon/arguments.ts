/**
 * Reads `KprobeArgument`, the one-of of every argument kind a hook can report. Each known kind is read
 * into its typed value; a kind kstorm does not know (Tetragon adds them over time) is kept as its key and
 * a bounded rendering, so the event is still accepted.
 */
import {
  field,
  isObject,
  type JsonObject,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalText,
  requiredObject,
  shapeError,
} from '../fields.js';
import { readCapabilities, readCredentials, readFile, readUserNamespace } from './argument-parts.js';
import {
  optionalAddress,
  optionalBytes,
  optionalDecimal,
  optionalEnum,
  optionalEnumList,
  renderUnknown,
} from './readers.js';
import type { TetragonArgument, TetragonArgumentValue } from './types.js';

type Reader = (arg: JsonObject, key: string, path: string) => TetragonArgumentValue;

const CAP_STRING_KINDS = {
  kernel_cap_t_arg: 'kernel_cap_t',
  cap_inheritable_arg: 'cap_inheritable',
  cap_permitted_arg: 'cap_permitted',
  cap_effective_arg: 'cap_effective',
} as const;

function capString(arg: JsonObject, key: string, path: string): TetragonArgumentValue {
  const kind = CAP_STRING_KINDS[key as keyof typeof CAP_STRING_KINDS];
  return { kind, value: optionalString(arg, key, path) ?? '' };
}

function file(kind: 'file' | 'path' | 'linux_binprm'): Reader {
  return (arg, key, path) => ({ kind, file: readFile(requiredObject(arg, key, path), `${path}.${key}`) });
}

/** Runs `body` on the argument's object value with that value's JSON path. */
function nested(body: (object: JsonObject, path: string) => TetragonArgumentValue): Reader {
  return (arg, key, path) => body(requiredObject(arg, key, path), `${path}.${key}`);
}

function bpfProgram(kind: 'bpf_attr' | 'bpf_prog'): Reader {
  return nested((o, p) => ({
    kind,
    progType: optionalText(o, 'ProgType', p),
    insnCnt: optionalInteger(o, 'InsnCnt', p),
    progName: optionalText(o, 'ProgName', p),
  }));
}

const READERS: ReadonlyMap<string, Reader> = new Map<string, Reader>([
  ['int_arg', (a, k, p) => ({ kind: 'int', value: optionalInteger(a, k, p) ?? 0 })],
  ['uint_arg', (a, k, p) => ({ kind: 'uint', value: optionalInteger(a, k, p) ?? 0 })],
  ['long_arg', (a, k, p) => ({ kind: 'long', value: optionalDecimal(a, k, p) ?? '0' })],
  ['size_arg', (a, k, p) => ({ kind: 'size', value: optionalDecimal(a, k, p) ?? '0' })],
  ['string_arg', (a, k, p) => ({ kind: 'string', value: optionalString(a, k, p) ?? '' })],
  ['bytes_arg', (a, k, p) => ({ kind: 'bytes', bytes: optionalBytes(a, k, p) ?? new Uint8Array() })],
  [
    'truncated_bytes_arg',
    nested((o, p) => ({
      kind: 'truncated_bytes',
      bytes: optionalBytes(o, 'bytes_arg', p) ?? new Uint8Array(),
      origSize: optionalDecimal(o, 'orig_size', p),
    })),
  ],
  ['file_arg', file('file')],
  ['path_arg', file('path')],
  ['linux_binprm_arg', file('linux_binprm')],
  [
    'sock_arg',
    nested((o, p) => ({
      kind: 'sock',
      sock: {
        family: optionalEnum(o, 'family', p),
        type: optionalEnum(o, 'type', p),
        protocol: optionalEnum(o, 'protocol', p),
        saddr: optionalAddress(o, 'saddr', p),
        daddr: optionalAddress(o, 'daddr', p),
        sport: optionalInteger(o, 'sport', p),
        dport: optionalInteger(o, 'dport', p),
        state: optionalEnum(o, 'state', p),
      },
    })),
  ],
  [
    'skb_arg',
    nested((o, p) => ({
      kind: 'skb',
      skb: {
        family: optionalEnum(o, 'family', p),
        protocol: optionalEnum(o, 'protocol', p),
        proto: optionalInteger(o, 'proto', p),
        saddr: optionalAddress(o, 'saddr', p),
        daddr: optionalAddress(o, 'daddr', p),
        sport: optionalInteger(o, 'sport', p),
        dport: optionalInteger(o, 'dport', p),
        len: optionalInteger(o, 'len', p),
      },
    })),
  ],
  [
    'sockaddr_arg',
    nested((o, p) => ({
      kind: 'sockaddr',
      family: optionalEnum(o, 'family', p),
      addr: optionalAddress(o, 'addr', p),
      port: optionalInteger(o, 'port', p),
    })),
  ],
  [
    'sockaddrun_arg',
    nested((o, p) => ({
      kind: 'sockaddr_un',
      family: optionalEnum(o, 'family', p),
      path: optionalText(o, 'path', p),
    })),
  ],
  ['cred_arg', nested((o, p) => ({ kind: 'cred', caps: readCapabilities(o, p) }))],
  [
    'process_credentials_arg',
    nested((o, p) => ({ kind: 'process_credentials', credentials: readCredentials(o, p) })),
  ],
  [
    'capability_arg',
    nested((o, p) => ({
      kind: 'capability',
      name: optionalText(o, 'name', p),
      value: optionalInteger(o, 'value', p),
    })),
  ],
  ['kernel_cap_t_arg', capString],
  ['cap_inheritable_arg', capString],
  ['cap_permitted_arg', capString],
  ['cap_effective_arg', capString],
  ['user_ns_arg', nested((o, p) => ({ kind: 'user_ns', userNs: readUserNamespace(o, p, false) }))],
  ['user_namespace_arg', nested((o, p) => ({ kind: 'user_ns', userNs: readUserNamespace(o, p, true) }))],
  [
    'module_arg',
    nested((o, p) => ({
      kind: 'module',
      name: optionalText(o, 'name', p),
      signatureOk: optionalBoolean(o, 'signature_ok', p),
      tainted: optionalEnumList(o, 'tainted', p),
    })),
  ],
  ['net_dev_arg', nested((o, p) => ({ kind: 'net_dev', name: optionalText(o, 'name', p) }))],
  ['bpf_attr_arg', bpfProgram('bpf_attr')],
  ['bpf_prog_arg', bpfProgram('bpf_prog')],
  [
    'bpf_map_arg',
    nested((o, p) => ({
      kind: 'bpf_map',
      mapType: optionalText(o, 'MapType', p),
      keySize: optionalInteger(o, 'KeySize', p),
      valueSize: optionalInteger(o, 'ValueSize', p),
      maxEntries: optionalInteger(o, 'MaxEntries', p),
      mapName: optionalText(o, 'MapName', p),
    })),
  ],
  ['bpf_cmd_arg', (a, k, p) => ({ kind: 'bpf_cmd', value: optionalEnum(a, k, p) ?? '0' })],
  [
    'perf_event_arg',
    nested((o, p) => ({
      kind: 'perf_event',
      kprobeFunc: optionalText(o, 'KprobeFunc', p),
      type: optionalText(o, 'Type', p),
      config: optionalDecimal(o, 'Config', p),
      probeOffset: optionalDecimal(o, 'ProbeOffset', p),
    })),
  ],
  [
    'syscall_id',
    nested((o, p) => ({
      kind: 'syscall_id',
      id: optionalInteger(o, 'id', p),
      abi: optionalText(o, 'abi', p),
    })),
  ],
  ['error_arg', nested((o, p) => ({ kind: 'error', message: optionalText(o, 'Message', p) }))],
]);

/** Reads one `KprobeArgument` object. The first key holding a value decides the kind. */
export function readArgument(arg: JsonObject, path: string): TetragonArgument {
  const label = optionalText(arg, 'label', path);
  for (const key of Object.keys(arg)) {
    if (key === 'label' || field(arg, key) === undefined) continue;
    const reader = READERS.get(key);
    const value: TetragonArgumentValue = reader
      ? reader(arg, key, path)
      : { kind: 'other', key, text: renderUnknown(arg[key]) };
    return label === undefined ? value : { ...value, label };
  }
  return label === undefined ? EMPTY : { kind: 'empty', label };
}

const EMPTY: TetragonArgument = { kind: 'empty' };

/** An optional array of `KprobeArgument` (`args`, `data`). */
export function readArguments(body: JsonObject, key: string, path: string): readonly TetragonArgument[] {
  const value = field(body, key);
  if (value === undefined) return NO_ARGUMENTS;
  if (!Array.isArray(value)) throw shapeError(`${path}.${key}`, 'an array');
  const out: TetragonArgument[] = [];
  for (let index = 0; index < value.length; index += 1) {
    const item: unknown = value[index];
    const itemPath = `${path}.${key}[${index}]`;
    if (!isObject(item)) throw shapeError(itemPath, 'an object');
    out.push(readArgument(item, itemPath));
  }
  return out;
}

const NO_ARGUMENTS: readonly TetragonArgument[] = [];

/** An optional single `KprobeArgument` (`return`). */
export function readOptionalArgument(
  body: JsonObject,
  key: string,
  path: string,
): TetragonArgument | undefined {
  const value = optionalObject(body, key, path);
  return value === undefined ? undefined : readArgument(value, `${path}.${key}`);
}
