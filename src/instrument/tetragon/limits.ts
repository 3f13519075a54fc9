/**
 * Limits Tetragon puts on a TracingPolicy beyond its CRD schema: BPF programs must be bounded, so the
 * agent refuses (or silently mis-reads) policies past them. Each constant cites where it is written.
 * Paths are in cilium/tetragon's docs (vendored in shared/formats/tetragon/reference/) unless noted.
 */

/** "Each hook can contain up to 5 selectors" (tracing-policy-selectors.md; also "Max Selectors 5"). */
export const MAX_SELECTORS_PER_HOOK = 5;

/**
 * "Max MatchArgs per selector 5" (tracing-policy-selectors.md, Limitations); matchData counts too. The
 * docs add "(one per index)", but Tetragon's own examples (datagram.yaml, dns-only-specified-servers.yaml)
 * filter one socket argument twice (address and port), so that part is not enforced.
 */
export const MAX_ARG_FILTERS_PER_SELECTOR = 5;

/**
 * "Max MatchArg Values per MatchArgs 4 (for operators like Equal, NotEqual, GT, LT, etc.)"
 * (tracing-policy-selectors.md). It applies to integer arguments, whose values live in the selector;
 * string, prefix, postfix, address and port values go into BPF maps (pkg/selectors/kernel.go) and are
 * bounded only by memory — which is also why the docs' older "8 file match values" is not enforced.
 */
export const MAX_INLINE_VALUES = 4;

/** "Max PID values per selector 4" (tracing-policy-selectors.md). */
export const MAX_PID_VALUES = 4;

/** "String prefix max length: 256 chars" (tracing-policy-selectors.md); bytes, as the agent counts them. */
export const MAX_PREFIX_LENGTH = 256;

/**
 * "String postfix max length: 128 chars" (tracing-policy-selectors.md); the agent counts the trailing
 * NUL and rejects 128 and more (pkg/selectors/kernel.go: "longer than 127 characters").
 */
export const MAX_POSTFIX_LENGTH = 127;

/**
 * Equal / NotEqual strings go into BPF hash maps by size; the largest holds 4096 bytes
 * (pkg/selectors/kernel.go, stringMapSize10 = 4096 + 2 for the length), and kernels before 5.11 get
 * maps up to 512 (StringMapSize7a). kstorm writes at most MAX_PORTABLE_EQUAL_LENGTH itself.
 */
export const MAX_EQUAL_LENGTH = 4096;
export const MAX_PORTABLE_EQUAL_LENGTH = 510;

/** matchBinaries In / NotIn paths: fewer bytes than BINARY_PATH_MAX_LEN, 256 (pkg/api/processapi). */
export const MAX_BINARY_PATH_LENGTH = 255;

/** matchNamespaces: "up to 4 values", "up to 10" namespace filters on kernels ≥ 5.3 (tracing-policy-selectors.md). */
export const MAX_NAMESPACE_VALUES = 4;
export const MAX_NAMESPACE_FILTERS = 10;

/** "Each probe can have up to 5 arguments (which is a tetragon limitation)" (tracing-policy-hooks.md). */
export const MAX_ARGS_PER_HOOK = 5;

/** At most 3 actions per selector (pkg/selectors/kernel.go, ParseMatchActions). */
export const MAX_ACTIONS_PER_SELECTOR = 3;

/** Kubernetes object names (metadata.name) are DNS subdomains: RFC 1123, at most 253 characters. */
export const MAX_NAME_LENGTH = 253;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isDnsSubdomain(name: string): boolean {
  return name.length > 0 && name.length <= MAX_NAME_LENGTH && DNS_SUBDOMAIN.test(name);
}
