/**
 * Tetragon argument types grouped by what `matchArgs` can do with them, after the Tetragon docs
 * (reference/tracing-policy-argument_types.md: "In matchArgs or matchData, use …" under each type), and
 * how kstorm's normaliser shows each group in observed data (files, network flows or argument texts).
 */

/** What a `matchArgs` filter can compare an argument with. */
export type ArgumentFamily = 'integer' | 'text' | 'network' | 'sockaddr' | 'sockaddr_un' | 'other';

const FAMILY_OF_TYPE: Readonly<Record<string, ArgumentFamily>> = {
  int8: 'integer',
  sint8: 'integer',
  uint8: 'integer',
  int16: 'integer',
  sint16: 'integer',
  uint16: 'integer',
  int: 'integer',
  sint32: 'integer',
  int32: 'integer',
  uint32: 'integer',
  long: 'integer',
  sint64: 'integer',
  int64: 'integer',
  ulong: 'integer',
  uint64: 'integer',
  size_t: 'integer',
  syscall64: 'integer',
  string: 'text',
  char_buf: 'text',
  char_iovec: 'text',
  filename: 'text',
  fd: 'text',
  file: 'text',
  dentry: 'text',
  path: 'text',
  linux_binprm: 'text',
  data_loc: 'text',
  sock: 'network',
  socket: 'network',
  skb: 'network',
  sockaddr: 'sockaddr',
  sockaddr_un: 'sockaddr_un',
};

/** The family of a policy argument type; `other` for types kstorm does not check operators on. */
export function argumentFamily(type: string): ArgumentFamily {
  return Object.hasOwn(FAMILY_OF_TYPE, type) ? (FAMILY_OF_TYPE[type] ?? 'other') : 'other';
}

const PORT_OPERATORS = ['SPort', 'NotSPort', 'DPort', 'NotDPort'];
const PRIVILEGED_PORT_OPERATORS = ['SPortPriv', 'NotSportPriv', 'DPortPriv', 'NotDPortPriv'];
const ADDRESS_OPERATORS = ['SAddr', 'NotSAddr', 'DAddr', 'NotDAddr'];

/** Operators each family accepts. `CelExpr` works on any argument and is left out of the check. */
const OPERATORS: Readonly<Record<Exclude<ArgumentFamily, 'other'>, ReadonlySet<string>>> = {
  integer: new Set([
    'Equal',
    'NotEqual',
    'GT',
    'LT',
    'GreaterThan',
    'LessThan',
    'Mask',
    'InRange',
    'NotInRange',
    'InMap',
    'NotInMap',
  ]),
  text: new Set([
    'Equal',
    'NotEqual',
    'Prefix',
    'NotPrefix',
    'Postfix',
    'NotPostfix',
    'SubString',
    'SubStringIgnCase',
    'FileType',
    'NotFileType',
  ]),
  network: new Set([
    ...ADDRESS_OPERATORS,
    ...PORT_OPERATORS,
    ...PRIVILEGED_PORT_OPERATORS,
    'Protocol',
    'Family',
    'State',
  ]),
  // "sockaddr does not support destination operators (DAddr, DPort)".
  sockaddr: new Set(['SAddr', 'NotSAddr', 'SPort', 'NotSPort', 'SPortPriv', 'NotSportPriv', 'Family']),
  sockaddr_un: new Set(['Equal', 'NotEqual', 'Prefix', 'NotPrefix', 'Family']),
};

/** Whether Tetragon can apply `operator` to an argument of `type` (unknown types always can). */
export function operatorFits(type: string, operator: string): boolean {
  const family = argumentFamily(type);
  if (family === 'other' || operator === 'CelExpr') return true;
  return OPERATORS[family].has(operator);
}

/** Operators whose values are IP addresses or CIDRs. */
export function isAddressOperator(operator: string): boolean {
  return ADDRESS_OPERATORS.includes(operator);
}

/** Operators whose values are ports or `min:max` port ranges. */
export function isPortOperator(operator: string): boolean {
  return PORT_OPERATORS.includes(operator);
}

/** Operators on integer arguments that keep their values in the selector itself (not in a BPF map). */
export function isInlineIntegerOperator(operator: string): boolean {
  return ['Equal', 'NotEqual', 'GT', 'LT', 'GreaterThan', 'LessThan', 'Mask'].includes(operator);
}

/**
 * Where the normaliser puts an argument of this type: file and path objects become `file`s (with their
 * directory), Internet sockets `network-traffic`, and everything else a `kind:value` text in
 * `x-kstorm-event:arguments`. The kind is the Tetragon JSON key without `_arg` (`int_arg` → `int`).
 */
export type ArgumentRole =
  | { readonly role: 'file' }
  | { readonly role: 'socket' }
  | { readonly role: 'text'; readonly kind: string }
  | { readonly role: 'opaque' };

// `fd` and `sockaddr_un` are reported as paths too; `sockaddr` only becomes a flow for AF_INET/AF_INET6.
const FILE_TYPES: ReadonlySet<string> = new Set(['file', 'path', 'linux_binprm', 'fd', 'sockaddr_un']);
const SOCKET_TYPES: ReadonlySet<string> = new Set(['sock', 'socket', 'skb', 'sockaddr']);

const TEXT_KIND_OF_TYPE: Readonly<Record<string, string>> = {
  int: 'int',
  sint32: 'int',
  int32: 'int',
  string: 'string',
};

export function argumentRole(type: string): ArgumentRole {
  if (FILE_TYPES.has(type)) return { role: 'file' };
  if (SOCKET_TYPES.has(type)) return { role: 'socket' };
  const kind = Object.hasOwn(TEXT_KIND_OF_TYPE, type) ? TEXT_KIND_OF_TYPE[type] : undefined;
  return kind === undefined ? { role: 'opaque' } : { role: 'text', kind };
}
