/**
 * The rules a schema-valid TracingPolicy must still follow for Tetragon to load it and read it as
 * written: selectors refer to declared arguments, operators fit the argument type, values parse, and
 * the BPF limits in limits.ts hold. Runs on documents that passed the CRD schema, so shapes are known.
 */
import {
  argumentFamily,
  isAddressOperator,
  isInlineIntegerOperator,
  isPortOperator,
  operatorFits,
} from './argument-types.js';
import {
  MAX_ACTIONS_PER_SELECTOR,
  MAX_ARG_FILTERS_PER_SELECTOR,
  MAX_ARGS_PER_HOOK,
  MAX_BINARY_PATH_LENGTH,
  MAX_EQUAL_LENGTH,
  MAX_INLINE_VALUES,
  MAX_NAMESPACE_FILTERS,
  MAX_NAMESPACE_VALUES,
  MAX_PID_VALUES,
  MAX_POSTFIX_LENGTH,
  MAX_PREFIX_LENGTH,
  MAX_SELECTORS_PER_HOOK,
} from './limits.js';
import type { SchemaFailure } from './schema-check.js';
import { isAddressOrCidr, isIntegerRange, isPortOrRange, parseInteger, quote, utf8Length } from './values.js';

interface PolicyArg {
  readonly index: number;
  readonly type?: string;
  readonly sizeArgIndex?: number;
}

interface ArgFilter {
  readonly index?: number;
  readonly args?: readonly number[];
  readonly operator: string;
  readonly values?: readonly string[];
}

interface BinaryFilter {
  readonly operator: string;
  readonly values?: readonly string[];
}

interface Selector {
  readonly matchArgs?: readonly ArgFilter[];
  readonly matchBinaries?: readonly BinaryFilter[];
  readonly matchParentBinaries?: readonly BinaryFilter[];
  readonly matchData?: readonly ArgFilter[];
  readonly matchPIDs?: readonly { readonly values?: readonly number[] }[];
  readonly matchNamespaces?: readonly { readonly values?: readonly string[] }[];
  readonly matchActions?: readonly unknown[];
  readonly macros?: readonly string[];
}

interface Hook {
  readonly call?: string;
  readonly syscall?: boolean;
  readonly return?: boolean;
  readonly returnArg?: PolicyArg;
  readonly args?: readonly PolicyArg[];
  readonly data?: readonly PolicyArg[];
  readonly selectors?: readonly Selector[];
}

interface Spec {
  readonly lists?: readonly { readonly name?: string }[];
  readonly selectorsMacros?: Readonly<Record<string, Selector>>;
  readonly [hooks: string]: unknown;
}

/** The spec sections that hold hooks with args and selectors. */
const HOOK_SECTIONS = ['kprobes', 'tracepoints', 'lsmhooks', 'uprobes', 'usdts', 'fentries'] as const;

type Report = (pointer: string, message: string) => void;

/** Every rule `spec` breaks; `spec` must already conform to the CRD schema. */
export function checkPolicyRules(spec: unknown): SchemaFailure[] {
  const out: SchemaFailure[] = [];
  const report: Report = (pointer, message) => out.push({ pointer, message });
  const typed = (spec ?? {}) as Spec;
  const lists = new Set((typed.lists ?? []).map((list) => list.name));
  const macros = new Set(Object.keys(typed.selectorsMacros ?? {}));
  for (const section of HOOK_SECTIONS) {
    const hooks = typed[section];
    if (!Array.isArray(hooks)) continue;
    hooks.forEach((hook: Hook, i) => {
      const at = `/spec/${section}/${i}`;
      checkHook(hook, section === 'tracepoints', at, report);
      if (hook.call?.startsWith('list:') && !lists.has(hook.call.slice('list:'.length))) {
        report(`${at}/call`, `names list ${quote(hook.call.slice(5))}, which spec.lists does not define`);
      }
      (hook.selectors ?? []).forEach((selector, s) => {
        (selector.macros ?? []).forEach((name, m) => {
          if (!macros.has(name)) {
            report(`${at}/selectors/${s}/macros/${m}`, `macro ${quote(name)} is not in spec.selectorsMacros`);
          }
        });
      });
    });
  }
  return out;
}

function checkHook(hook: Hook, positional: boolean, at: string, report: Report): void {
  const args = hook.args ?? [];
  if (args.length > MAX_ARGS_PER_HOOK) {
    report(`${at}/args`, `declares ${args.length} arguments; Tetragon reads at most ${MAX_ARGS_PER_HOOK}`);
  }
  if (hook.return === true && hook.returnArg === undefined) {
    report(`${at}/returnArg`, 'return: true needs a returnArg (a rule of the CRD)');
  }
  if (hook.syscall === false && hook.call !== undefined && /^sys_/.test(hook.call)) {
    report(
      `${at}/syscall`,
      `${quote(hook.call)} is a system call: Tetragon finds it only with syscall: true`,
    );
  }
  args.forEach((arg, i) => {
    checkSizeArgIndex(arg, args, `${at}/args/${i}/sizeArgIndex`, report);
  });
  const selectors = hook.selectors ?? [];
  if (selectors.length > MAX_SELECTORS_PER_HOOK) {
    report(`${at}/selectors`, `has ${selectors.length} selectors; Tetragon allows ${MAX_SELECTORS_PER_HOOK}`);
  }
  selectors.forEach((selector, s) => {
    checkSelector(selector, args, hook.data ?? [], positional, `${at}/selectors/${s}`, report);
  });
}

/** `sizeArgIndex` is 1-based ("does not take the index, but the number of the index", hooks docs). */
function checkSizeArgIndex(arg: PolicyArg, args: readonly PolicyArg[], at: string, report: Report): void {
  const number = arg.sizeArgIndex;
  if (number === undefined || number === 0) return;
  const sized = args.find((candidate) => candidate.index === number - 1);
  if (sized === undefined) {
    report(at, `is 1-based: ${number} names argument index ${number - 1}, which is not declared`);
  } else if (argumentFamily(sized.type ?? '') !== 'integer') {
    report(
      at,
      `is 1-based: ${number} names argument index ${sized.index} of type ${quote(sized.type ?? '')}, not a size`,
    );
  }
}

function checkSelector(
  selector: Selector,
  args: readonly PolicyArg[],
  data: readonly PolicyArg[],
  positional: boolean,
  at: string,
  report: Report,
): void {
  const filters = (selector.matchArgs?.length ?? 0) + (selector.matchData?.length ?? 0);
  if (filters > MAX_ARG_FILTERS_PER_SELECTOR) {
    report(at, `has ${filters} matchArgs/matchData filters; Tetragon allows ${MAX_ARG_FILTERS_PER_SELECTOR}`);
  }
  (selector.matchArgs ?? []).forEach((filter, f) => {
    const target = filterTarget(filter, args, positional);
    const where = `${at}/matchArgs/${f}`;
    if (target === undefined) {
      report(
        where,
        `refers to argument ${describeReference(filter)}, which the hook does not declare in args`,
      );
    } else checkFilterValues(filter, target.type ?? '', where, report);
  });
  (selector.matchData ?? []).forEach((filter, f) => {
    // matchData indexes count positions in `data` (pkg/selectors/kernel.go, dataIndexType).
    const target = filterTarget(filter, data, true);
    if (target === undefined)
      report(`${at}/matchData/${f}`, `refers to data ${describeReference(filter)}, which is not declared`);
    else checkFilterValues(filter, target.type ?? '', `${at}/matchData/${f}`, report);
  });
  (selector.matchPIDs ?? []).forEach((filter, f) => {
    if ((filter.values?.length ?? 0) > MAX_PID_VALUES) {
      report(`${at}/matchPIDs/${f}/values`, `has more than ${MAX_PID_VALUES} values`);
    }
  });
  const namespaces = selector.matchNamespaces ?? [];
  if (namespaces.length > MAX_NAMESPACE_FILTERS) {
    report(`${at}/matchNamespaces`, `has more than ${MAX_NAMESPACE_FILTERS} filters`);
  }
  namespaces.forEach((filter, f) => {
    if ((filter.values?.length ?? 0) > MAX_NAMESPACE_VALUES) {
      report(`${at}/matchNamespaces/${f}/values`, `has more than ${MAX_NAMESPACE_VALUES} values`);
    }
  });
  checkBinaries(selector.matchBinaries ?? [], at, report);
  checkBinaries(selector.matchParentBinaries ?? [], at, report);
  if ((selector.matchActions?.length ?? 0) > MAX_ACTIONS_PER_SELECTOR) {
    report(`${at}/matchActions`, `has more than ${MAX_ACTIONS_PER_SELECTOR} actions`);
  }
}

/**
 * The declared argument a filter reads. `args` counts positions in the spec's list; `index` names the
 * function argument (an `index` in `args`) on kprobes, LSM hooks and uprobes, but a position in the
 * list on tracepoints (the Tetragon example killer.yaml filters `index: 0` of a tracepoint's only arg).
 */
function filterTarget(
  filter: ArgFilter,
  declared: readonly PolicyArg[],
  positional: boolean,
): PolicyArg | undefined {
  if (filter.args !== undefined && filter.args.length > 0) {
    return filter.args.every((position) => position < declared.length)
      ? declared[filter.args[0] ?? 0]
      : undefined;
  }
  const index = filter.index ?? 0;
  return positional ? declared[index] : declared.find((arg) => arg.index === index);
}

function describeReference(filter: ArgFilter): string {
  return filter.args !== undefined && filter.args.length > 0
    ? `position(s) ${filter.args.join(', ')}`
    : `index ${filter.index ?? 0}`;
}

function checkFilterValues(filter: ArgFilter, type: string, at: string, report: Report): void {
  const { operator } = filter;
  const values = filter.values ?? [];
  if (!operatorFits(type, operator)) {
    report(`${at}/operator`, `${operator} does not apply to an argument of type ${quote(type)}`);
    return;
  }
  const family = argumentFamily(type);
  values.forEach((value, v) => {
    const problem = valueProblem(operator, type, value);
    if (problem !== undefined) report(`${at}/values/${v}`, `${quote(value)} ${problem}`);
  });
  const inline = family === 'integer' && (isInlineIntegerOperator(operator) || operator.endsWith('InRange'));
  if (inline && values.length > MAX_INLINE_VALUES) {
    report(
      `${at}/values`,
      `has ${values.length} values; ${operator} on an integer takes at most ${MAX_INLINE_VALUES} (use InMap)`,
    );
  }
}

/**
 * Ranges Tetragon parses integer values in (pkg/selectors/kernel.go, writeMatchValues: `int`, `int32` and
 * `size_t` with ParseInt(v, 0, 32), `uint32` with ParseUint(v, 0, 32), the 64-bit types with 64 bits).
 */
const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  size_t: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  ulong: [0n, 2n ** 64n - 1n],
};
const INT64_RANGE: readonly [bigint, bigint] = [-(2n ** 63n), 2n ** 63n - 1n];

function valueProblem(operator: string, type: string, value: string): string | undefined {
  if (isAddressOperator(operator)) return isAddressOrCidr(value) ? undefined : 'is not an IP address or CIDR';
  if (isPortOperator(operator)) return isPortOrRange(value) ? undefined : 'is not a port or port range';
  if (operator.endsWith('InRange')) return isIntegerRange(value) ? undefined : 'is not a min:max range';
  if (argumentFamily(type) === 'integer' && isInlineIntegerOperator(operator)) {
    const number = parseInteger(value);
    if (number === undefined) return 'is not an integer';
    const [min, max] =
      (Object.hasOwn(INTEGER_RANGES, type) ? INTEGER_RANGES[type] : undefined) ?? INT64_RANGE;
    return number < min || number > max ? `is out of range for ${quote(type)}` : undefined;
  }
  if (argumentFamily(type) === 'text' && (operator === 'Equal' || operator === 'NotEqual')) {
    return lengthProblem(value, MAX_EQUAL_LENGTH);
  }
  return stringOperatorProblem(operator, value);
}

function lengthProblem(value: string, max: number): string | undefined {
  return utf8Length(value) > max ? `is longer than ${max} bytes` : undefined;
}

/** Prefix and postfix limits, shared by matchArgs and matchBinaries. */
function stringOperatorProblem(operator: string, value: string): string | undefined {
  if (operator === 'Prefix' || operator === 'NotPrefix') return lengthProblem(value, MAX_PREFIX_LENGTH);
  if (operator === 'Postfix' || operator === 'NotPostfix') return lengthProblem(value, MAX_POSTFIX_LENGTH);
  return undefined;
}

function checkBinaries(filters: readonly BinaryFilter[], at: string, report: Report): void {
  filters.forEach((filter, f) => {
    (filter.values ?? []).forEach((value, v) => {
      const problem =
        filter.operator === 'In' || filter.operator === 'NotIn'
          ? lengthProblem(value, MAX_BINARY_PATH_LENGTH)
          : stringOperatorProblem(filter.operator, value);
      if (problem !== undefined) report(`${at}/matchBinaries/${f}/values/${v}`, `${quote(value)} ${problem}`);
    });
  });
}
