/** One headline figure: a label and its value. */
export function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-figure={label}>{value}</dd>
    </div>
  );
}
