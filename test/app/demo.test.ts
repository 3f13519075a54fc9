// The demo scenario is kstorm's own output: it must be strictly valid STIX 2.1, deterministic where
// STIX says so, and keep nanosecond timestamps.
import { describe, expect, it } from 'vitest';
import { buildDemoScenario } from '../../src/app/index.js';
import { createValidator, Timestamp } from '../../src/stix/index.js';

describe('demo scenario', () => {
  const validator = createValidator({ strict: true });

  it('is strictly valid STIX 2.1 with zero issues', () => {
    const { bundle } = buildDemoScenario();
    expect(bundle.objects.length).toBeGreaterThan(20);
    expect(validator.validateAll([bundle])).toEqual([]);
  });

  it('gives SCOs the same ids on every run and keeps nanoseconds', () => {
    const scos = (b: ReturnType<typeof buildDemoScenario>['bundle']) =>
      b.objects.filter((o) => o.type !== 'observed-data').map((o) => o.id);
    expect(scos(buildDemoScenario().bundle)).toEqual(scos(buildDemoScenario().bundle));
    const last = buildDemoScenario(Timestamp.parse('2026-01-01T00:00:00Z')).steps.at(-1);
    expect(last?.time).toBe('2026-01-01T00:00:41.000000123Z');
  });

  it('a tampered scenario is caught', () => {
    const { bundle } = buildDemoScenario();
    const process = bundle.objects.find((o) => o.type === 'process');
    if (!process) throw new Error('no process in the demo');
    process['k8s_pod_ref'] = bundle.objects.find((o) => o.type === 'ipv4-addr')?.id;
    const codes = validator.validateAll([bundle]).map((i) => i.code);
    expect(codes).toContain('KSTORM_STIX_REF_TARGET');
  });
});
