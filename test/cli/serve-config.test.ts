/** `kstorm serve` settings: a YAML file fills what flags and environment variables leave at their defaults. */
import { afterAll, describe, expect, it } from 'vitest';
import { withConfigFile } from '../../src/cli/commands/serve-config.js';
import { run, tempDir } from './helpers.js';

const dir = await tempDir();
afterAll(() => dir.remove());

describe('serve configuration', () => {
  it('takes settings from the file only where flags and env gave none', async () => {
    const file = await dir.file(
      'kstorm.yaml',
      'listen: 0.0.0.0:9000\ncluster: from-file\nretentionDays: 7\nlogLevel: warn\n',
    );
    const sources: Record<string, string> = { listen: 'cli', cluster: 'env', retentionDays: 'default' };
    const merged = await withConfigFile(
      { listen: '127.0.0.1:0', cluster: 'from-env', retentionDays: '30' },
      file,
      (key) => sources[key],
    );
    expect(merged).toEqual({
      listen: '127.0.0.1:0',
      cluster: 'from-env',
      retentionDays: 7,
      logLevel: 'warn',
    });
  });

  it('refuses unknown settings and wrong types, naming them', async () => {
    const file = await dir.file('bad.yaml', 'listn: 127.0.0.1:1\nretentionDays: [1]\n');
    await expect(withConfigFile({}, file, () => undefined)).rejects.toThrow(
      /unknown setting "listn".*retentionDays must be number,string/,
    );
    const result = await run(['serve', '--config', file]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('unknown setting "listn"');
  });

  it('refuses a meaningless number before opening anything', async () => {
    const result = await run(['serve', '--retention-days', 'forever', '--data', '/nonexistent/kstorm']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--retention-days forever: give a number');
  });
});
