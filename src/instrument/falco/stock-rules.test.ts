import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type FalcoRuleset, STOCK_FALCO_RULES } from './stock-rules.js';

const RULES_DIR = join(
  new URL('../../../..', import.meta.url).pathname,
  'shared',
  'formats',
  'falco',
  'rules',
);

const FILES: readonly (readonly [FalcoRuleset, string])[] = [
  ['stable', 'falco_rules.yaml'],
  ['incubating', 'falco-incubating_rules.yaml'],
  ['sandbox', 'falco-sandbox_rules.yaml'],
  ['k8saudit', 'k8s_audit_rules.yaml'],
];

describe('STOCK_FALCO_RULES', () => {
  it('knows the stable shell and the k8saudit exec rules, each with its source', () => {
    expect(STOCK_FALCO_RULES.get('Terminal shell in container')).toEqual({
      ruleset: 'stable',
      source: 'syscall',
    });
    expect(STOCK_FALCO_RULES.get('Attach/Exec Pod')).toEqual({ ruleset: 'k8saudit', source: 'k8s_audit' });
    expect(STOCK_FALCO_RULES.has('terminal shell in container')).toBe(false);
  });

  describe.skipIf(!existsSync(RULES_DIR))('against the rules files in ../shared', () => {
    it.each(FILES)('lists exactly the %s rules of %s', (ruleset, file) => {
      const items = parse(readFileSync(join(RULES_DIR, file), 'utf8')) as Record<string, unknown>[];
      const names = items.flatMap((item) => (typeof item['rule'] === 'string' ? [item['rule']] : []));
      const ours = [...STOCK_FALCO_RULES]
        .filter(([, rule]) => rule.ruleset === ruleset)
        .map(([name]) => name);
      expect(ours.sort()).toEqual([...names].sort());
      for (const item of items) {
        if (typeof item['rule'] !== 'string') continue;
        expect(STOCK_FALCO_RULES.get(item['rule'])?.source).toBe(item['source'] ?? 'syscall');
      }
    });
  });
});
