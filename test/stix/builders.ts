/**
 * Shared builders for the STIX validator tests: valid baseline objects (hand-written after the STIX 2.1
 * specification's examples, with fixed ids so failures are reproducible) and helpers to pick issues.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidationIssue } from '../../src/stix/index.js';
import { scoIdentifier } from '../../src/stix/index.js';

/** A JSON object as the tests build it. */
export type Json = Record<string, unknown>;

export const CREATED = '2026-01-31T12:00:00.000Z';

/** An identity (the only allowed target of created_by_ref). */
export const IDENTITY: Json = {
  type: 'identity',
  spec_version: '2.1',
  id: 'identity--311b2d2d-f010-4473-83ec-1edf84858f4c',
  created: CREATED,
  modified: CREATED,
  name: 'ACME honeycluster',
  identity_class: 'organization',
};

/** A valid indicator. */
export const INDICATOR: Json = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: CREATED,
  modified: CREATED,
  pattern: "[ipv4-addr:value = '198.51.100.1']",
  pattern_type: 'stix',
  valid_from: '2026-01-01T00:00:00Z',
};

/** A marking-definition (TLP:WHITE as in the specification). */
export const TLP_WHITE: Json = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp',
  name: 'TLP:WHITE',
  definition: { tlp: 'white' },
};

/** Returns `object` with the deterministic SCO id STIX 2.1 §2.9 defines for it. */
export function withScoId<T extends Json & { type: string }>(
  object: T,
  contributing?: readonly string[],
): T & { id: string } {
  return { ...object, id: scoIdentifier(object, contributing) };
}

/** A valid ipv4-addr with its deterministic id. */
export const IPV4 = withScoId({ type: 'ipv4-addr', spec_version: '2.1', value: '198.51.100.1' });

/** A second address for network traffic. */
export const IPV4_DST = withScoId({ type: 'ipv4-addr', spec_version: '2.1', value: '203.0.113.7' });

/** A valid file with its deterministic id. */
export const FILE = withScoId({
  type: 'file',
  spec_version: '2.1',
  name: 'bash',
  hashes: { 'SHA-256': 'a'.repeat(64) },
});

/** A valid process (STIX gives process no ID-contributing properties: a UUIDv4 id is right). */
export const PROCESS: Json = {
  type: 'process',
  spec_version: '2.1',
  id: 'process--0f4c4d61-7a0c-4f5e-8f52-1e1a1c6a4b0e',
  pid: 4242,
  command_line: '/bin/bash -i',
};

/** Valid network traffic from IPV4 to IPV4_DST. */
export const NETWORK_TRAFFIC = withScoId({
  type: 'network-traffic',
  spec_version: '2.1',
  src_ref: IPV4.id,
  dst_ref: IPV4_DST.id,
  dst_port: 443,
  protocols: ['ipv4', 'tcp'],
});

/** Valid observed-data over the address. */
export const OBSERVED_DATA: Json = {
  type: 'observed-data',
  spec_version: '2.1',
  id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
  created: CREATED,
  modified: CREATED,
  first_observed: '2026-01-31T11:00:00Z',
  last_observed: '2026-01-31T11:30:00Z',
  number_observed: 1,
  object_refs: [IPV4['id']],
};

/** A valid sighting of the indicator. */
export const SIGHTING: Json = {
  type: 'sighting',
  spec_version: '2.1',
  id: 'sighting--ee20065d-2555-424f-ad9e-0f8428623c75',
  created: CREATED,
  modified: CREATED,
  sighting_of_ref: INDICATOR['id'],
};

/** A bundle id, for references that must not point at a bundle. */
export const BUNDLE_ID = 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d';

/** An extension-definition of the given kind, authored by IDENTITY. */
export function extensionDefinition(
  id: string,
  types: readonly string[],
  properties?: readonly string[],
): Json {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id,
    created_by_ref: IDENTITY['id'],
    created: CREATED,
    modified: CREATED,
    name: 'acme-extension',
    schema: 'https://example.com/acme-extension.json',
    version: '1.0.0',
    extension_types: [...types],
    ...(properties ? { extension_properties: [...properties] } : {}),
  };
}

/** The issues with `code`. */
export function withCode(issues: readonly ValidationIssue[], code: string): ValidationIssue[] {
  return issues.filter((i) => i.code === code);
}

/** The codes of `issues`, sorted and de-duplicated: a compact summary for assertions. */
export function codes(issues: readonly ValidationIssue[]): string[] {
  return [...new Set(issues.map((i) => i.code))].sort();
}

/** Only the errors. */
export function errors(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.severity === 'error');
}

/** Reads a fixture below test/fixtures as JSON. */
export function readFixture(relative: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/${relative}`, import.meta.url), 'utf8'));
}

/** Every *.json file below a fixture folder, recursively, as paths relative to that folder. */
export function fixtureFiles(folder: string): string[] {
  const root = fileURLToPath(new URL(`../fixtures/${folder}/`, import.meta.url));
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return walk(path);
        return name.endsWith('.json') ? [path.slice(root.length)] : [];
      });
  return walk(root);
}
