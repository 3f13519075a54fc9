/**
 * A Falco alert as Falco writes it with `json_output: true` — on stdout, in a file, as the `http_output`
 * POST body — and as falcosidekick forwards it: one shape everywhere.
 */
import type { JsonObject } from '../fields.js';

export interface FalcoAlert {
  /** The rule's name. */
  readonly rule: string;
  /** Priority text as Falco writes it: `Emergency` … `Debug` (`Informational`, sometimes `Info`). */
  readonly priority: string;
  /** The formatted output line (absent with `json_include_output_property: false`). */
  readonly output?: string;
  /** The output without time and priority (`json_include_message_property: true`). */
  readonly message?: string;
  /** RFC 3339 UTC with nanoseconds, e.g. `2024-05-07T18:54:19.341081180Z`. */
  readonly time?: string;
  /** The event source: `syscall`, `k8s_audit`, or a plugin's source name. */
  readonly source?: string;
  readonly hostname?: string;
  /** falcosidekick's id for the alert. */
  readonly uuid?: string;
  readonly tags?: readonly string[];
  /**
   * The rule output's fields by name (`proc.cmdline`, `ka.verb`, …). Values may be strings, numbers,
   * booleans, arrays or null, and `<NA>` for "not available"; they are read by the normaliser, which
   * treats a value it cannot use as not reported.
   */
  readonly outputFields: JsonObject;
}
