/**
 * UUIDv5 (RFC 9562 §5.5) with one SHA-1 over namespace and name. The `uuid` package converts names to
 * bytes through a per-character loop, which dominated ingest (a raw record's artifact id hashes the
 * whole payload); this does the same computation in native code. Tested against `uuid` for equality.
 */
import { hash } from 'node:crypto';

const namespaces = new Map<string, Buffer>();

function namespaceBytes(namespace: string): Buffer {
  let bytes = namespaces.get(namespace);
  if (bytes === undefined) {
    bytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
    if (bytes.byteLength !== 16) throw new TypeError(`not a UUID namespace: ${namespace}`);
    namespaces.set(namespace, bytes);
  }
  return bytes;
}

/** The UUIDv5 of `name` (UTF-8) in `namespace`, lower-case hex with dashes. */
export function uuid5(name: string, namespace: string): string {
  const input = Buffer.concat([namespaceBytes(namespace), Buffer.from(name, 'utf8')]);
  const digest = hash('sha1', input, 'buffer') as Buffer;
  digest[6] = ((digest[6] as number) & 0x0f) | 0x50;
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
