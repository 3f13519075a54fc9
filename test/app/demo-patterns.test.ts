// End to end across stages: witnesses written in the pattern language find the demo attack's steps in
// the STIX that kstorm emits for it, by observation time, through kstorm's Kubernetes extensions.
import { describe, expect, it } from 'vitest';
import { buildDemoScenario } from '../../src/app/index.js';
import { matchPattern } from '../../src/index.js';

describe('witness patterns over the demo scenario', () => {
  const { bundle, steps } = buildDemoScenario();

  it('finds the SSH login followed by the token read in the bait namespace', () => {
    const result = matchPattern(
      // Qualifiers bind to one observation expression: the parentheses make WITHIN span both steps.
      "([network-traffic:dst_port = 2222 AND network-traffic:src_ref.value ISSUBSET '203.0.113.0/24'] " +
        "FOLLOWEDBY [process:command_line LIKE 'cat %/token' AND process:k8s_pod_ref.namespace = 'kstorm-bait']) " +
        'WITHIN 60 SECONDS',
      [bundle],
    );
    expect(result).toEqual({ matched: true, bindings: [[steps[0]?.observation, steps[2]?.observation]] });
  });

  it('respects time order and windows', () => {
    expect(
      matchPattern("[process:command_line LIKE 'cat %'] FOLLOWEDBY [network-traffic:dst_port = 2222]", [
        bundle,
      ]).matched,
    ).toBe(false);
    expect(
      matchPattern(
        "([network-traffic:dst_port = 2222] FOLLOWEDBY [process:command_line LIKE 'cat %']) WITHIN 10 SECONDS",
        [bundle],
      ).matched,
    ).toBe(false);
  });

  it('sees API requests through x-k8s-api-request and its object_ref', () => {
    const result = matchPattern(
      "[x-k8s-api-request:verb = 'create' AND x-k8s-api-request:object_ref.resource = 'persistentvolumes']",
      [bundle],
    );
    expect(result.bindings).toEqual([[steps[3]?.observation]]);
  });
});
