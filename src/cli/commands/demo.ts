/**
 * `kstorm demo`: builds the SSH-bait attack scenario as STIX 2.1 with kstorm's Kubernetes extensions,
 * validates it strictly, and shows the story (table) or the bundle itself (`--output json|yaml`).
 */
import { buildDemoScenario, type DemoStep } from '../../app/index.js';
import { createValidator } from '../../stix/index.js';
import type { CommandContext } from '../context.js';
import { type Column, type OutputFormat, renderData, renderTable } from '../output.js';

/** Options of `demo`. */
export interface DemoOptions {
  readonly output: OutputFormat;
}

const STEP_COLUMNS: readonly Column<DemoStep>[] = [
  { header: 'observed', cell: (s) => s.time },
  { header: 'what happened', cell: (s) => s.what },
  { header: 'observation', cell: (s) => s.observation },
];

/** Runs the demo; exit 1 if kstorm's own output failed validation (it must not). */
export async function runDemo(ctx: CommandContext, opts: DemoOptions = { output: 'table' }): Promise<number> {
  const scenario = buildDemoScenario();
  const issues = createValidator({ strict: true }).validateAll([scenario.bundle]);
  if (opts.output !== 'table') {
    ctx.io.stdout.write(renderData(opts.output, scenario.bundle));
    return issues.length === 0 ? 0 : 1;
  }
  const out = ctx.io.stdout;
  out.write('kstorm demo: an attacker walks the honeycluster SSH bait, as kstorm records it in STIX 2.1\n\n');
  out.write(renderTable(STEP_COLUMNS, scenario.steps));
  out.write(
    `\n${scenario.bundle.objects.length} STIX objects (observed-data, SCOs, x-k8s-* extensions) in ${scenario.bundle.id}\n`,
  );
  if (issues.length === 0) {
    out.write('validation (strict, STIX 2.1 schemas + kstorm rules): valid\n');
  } else {
    out.write(`validation found ${issues.length} issue(s):\n`);
    for (const issue of issues)
      out.write(`  ${issue.code} ${issue.objectId ?? ''} ${issue.path} ${issue.message}\n`);
  }
  out.write(
    '\nSee the bundle: kstorm demo --output json   Validate any STIX file: kstorm stix validate <file>\n',
  );
  out.write(
    'The live storm center (ingest, correlation, dashboard) is not built yet; see docs/architecture.md.\n',
  );
  return issues.length === 0 ? 0 : 1;
}
