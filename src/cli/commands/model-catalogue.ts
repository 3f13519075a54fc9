/** `kstorm model catalogue`: the ready-made leaves and technique ids a model can use by reference. */
import { READY_LEAVES, TECHNIQUES } from '../../threatmodel/index.js';
import type { CommandContext } from '../context.js';
import { type OutputFormat, renderData, renderTable } from '../output.js';

export interface ModelCatalogueOptions {
  readonly list: 'leaves' | 'techniques';
  readonly output: OutputFormat;
}

export async function runModelCatalogue(ctx: CommandContext, opts: ModelCatalogueOptions): Promise<number> {
  if (opts.list === 'techniques') {
    const rows = [...TECHNIQUES].map((t) => ({
      id: t.id,
      name: t.name,
      source: t.source,
      tactics: t.tactics.join(', '),
    }));
    ctx.io.stdout.write(
      opts.output === 'table'
        ? renderTable(
            [
              { header: 'id', cell: (r) => r.id },
              { header: 'source', cell: (r) => r.source },
              { header: 'name', cell: (r) => r.name },
              { header: 'tactics', cell: (r) => r.tactics },
            ],
            rows,
          )
        : renderData(opts.output, rows),
    );
    return 0;
  }
  const rows = READY_LEAVES.map((leaf) => ({
    from: leaf.ref,
    id: leaf.id,
    name: leaf.name,
    techniques: leaf.techniques.join(' '),
    sensors: [...new Set(leaf.witnesses.map((w) => sensorName(w.sensor)))].join(' '),
  }));
  ctx.io.stdout.write(
    opts.output === 'table'
      ? renderTable(
          [
            { header: 'from', cell: (r) => r.from },
            { header: 'techniques', cell: (r) => r.techniques },
            { header: 'sensors', cell: (r) => r.sensors },
            { header: 'name', cell: (r) => r.name },
          ],
          rows,
        )
      : renderData(opts.output, rows),
  );
  return 0;
}

function sensorName(sensor: unknown): string {
  if (typeof sensor === 'string') return sensor;
  return sensor && typeof sensor === 'object' ? (Object.keys(sensor)[0] ?? '?') : '?';
}
