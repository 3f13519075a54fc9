/** ATT&CK technique ids among what a sensor attached (Falco tags, Kubescape MITRE fields). */

const TECHNIQUE = /^[Tt]\d{4}(?:\.\d{3})?$/;

/** The ATT&CK technique ids among `values`, upper-cased, first occurrence kept; undefined when none. */
export function techniquesOf(values: readonly string[] | undefined): readonly string[] | undefined {
  if (values === undefined) return undefined;
  let out: string[] | undefined;
  for (const value of values) {
    if (value.length > 9 || !TECHNIQUE.test(value)) continue;
    const technique = value.toUpperCase();
    if (out === undefined) out = [technique];
    else if (!out.includes(technique)) out.push(technique);
  }
  return out;
}
