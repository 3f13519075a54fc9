/**
 * `kstorm serve`'s settings come from three places, strongest first: flags, environment variables
 * (KSTORM_LISTEN, KSTORM_STORE, …), and a YAML file (`--config`, keys named like the long flags in
 * camelCase). Defaults fill the rest. The file is checked against a schema so a typo fails at start.
 */
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { KstormError } from '../../util/index.js';

export const SERVE_CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'kstorm serve configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    listen: { type: 'string', description: '[host:]port; anything but loopback needs tokens' },
    data: { type: 'string', description: 'folder of the embedded SQLite store' },
    store: { type: 'string', description: 'postgres://… (optionally ?schema=name) or a SQLite file' },
    model: { type: 'string', description: 'threat model file' },
    tokenFile: { type: 'string', description: 'bearer tokens, one per line' },
    cluster: { type: 'string' },
    demo: { type: ['boolean', 'string'] },
    demoSpeed: { type: ['number', 'string'] },
    logLevel: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    retentionDays: { type: ['number', 'string'], description: 'raw observations kept this many days' },
    idleTimeout: { type: ['number', 'string'], description: 'seconds without a hit that close a session' },
    incidentFraction: {
      type: ['number', 'string'],
      description: 'depth (0..1) of a branch that opens an incident',
    },
  },
} as const;

/** Where a value came from, as commander tells it. */
export type ValueSource = string | undefined;

/**
 * Fills every option whose value is a default (or absent) from the config file. `sourceOf` is
 * commander's `getOptionValueSource`.
 */
export async function withConfigFile<T extends Record<string, unknown>>(
  opts: T,
  file: string | undefined,
  sourceOf: (key: string) => ValueSource,
): Promise<T> {
  if (file === undefined) return opts;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new KstormError('KSTORM_CONFIG', `--config ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = parse(text) ?? {};
  } catch (error) {
    throw new KstormError('KSTORM_CONFIG', `--config ${file}: not YAML: ${(error as Error).message}`);
  }
  const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
    SERVE_CONFIG_SCHEMA,
  );
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((e) =>
      e.keyword === 'additionalProperties'
        ? `unknown setting "${String(e.params['additionalProperty'])}"`
        : `${e.instancePath.slice(1) || 'the file'} ${e.message}`,
    );
    throw new KstormError('KSTORM_CONFIG', `--config ${file}: ${problems.join('; ')}.`);
  }
  const merged: Record<string, unknown> = { ...opts };
  for (const [key, setting] of Object.entries(value as Record<string, unknown>)) {
    const source = sourceOf(key);
    if (source === undefined || source === 'default') merged[key] = setting;
  }
  return merged as T;
}

/** A number option within bounds, or a usage error naming the flag. */
export function numberSetting(value: unknown, flag: string, min: number, max: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new KstormError(
      'KSTORM_CLI_USAGE',
      `${flag} ${String(value)}: give a number from ${min} to ${max}.`,
    );
  return n;
}
