/**
 * Tetragon's socket views (`sock_arg`, `skb_arg`, `sockaddr_arg`, the Enterprise flow events) as the
 * model's connections: protocol in lower case, addresses kept only when they fit the address family,
 * port 0 read as "not reported".
 */
import type { TetragonSkb, TetragonSocket } from '../../sources/index.js';
import type { ConnectionInfo } from '../model.js';
import type { Mutable } from './process.js';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;
const PROTOCOL_PREFIX = /^IPPROTO_/i;
/** IANA protocol numbers of the transports a skb is likely to carry. */
const PROTOCOL_NUMBERS: ReadonlyMap<number, string> = new Map([
  [1, 'icmp'],
  [6, 'tcp'],
  [17, 'udp'],
  [58, 'ipv6-icmp'],
  [132, 'sctp'],
  [136, 'udplite'],
]);

type Family = 'inet' | 'inet6' | 'any';

/** The address family a connection can be built for, or undefined (AF_UNIX, garbage, absent). */
export function inetFamily(family: string | undefined): Family | undefined {
  if (family === 'AF_INET') return 'inet';
  if (family === 'AF_INET6') return 'inet6';
  return undefined;
}

function isIpv4(text: string): boolean {
  const match = IPV4.exec(text);
  if (match === null) return false;
  for (let i = 1; i <= 4; i += 1) if (Number(match[i]) > 255) return false;
  return true;
}

/** The address if it is one of the family's (Go prints a nil address as `<nil>`). */
export function address(text: string | undefined, family: Family): string | undefined {
  if (text === undefined) return undefined;
  if (family !== 'inet6' && isIpv4(text)) return text;
  if (family !== 'inet' && text.includes(':') && IPV6.test(text)) return text;
  return undefined;
}

export function port(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 && value <= 65_535 ? value : undefined;
}

/**
 * `IPPROTO_TCP`, `TCP` or a protocol number as `tcp`. IPPROTO_IP (0) means "the family's default for the
 * socket type", so a stream socket is TCP and a datagram socket UDP.
 */
export function protocolName(
  protocol: string | undefined,
  socketType?: string,
  number?: number,
): string | undefined {
  if (protocol !== undefined && protocol !== '') {
    const name = protocol.replace(PROTOCOL_PREFIX, '').toLowerCase();
    if (name !== 'ip' && name !== '0') return name;
  }
  if (number !== undefined) {
    const known = PROTOCOL_NUMBERS.get(number);
    if (known !== undefined) return known;
  }
  if (socketType === 'SOCK_STREAM') return 'tcp';
  if (socketType === 'SOCK_DGRAM') return 'udp';
  return undefined;
}

/** Builds a connection from its parts; undefined when no address or port survived. */
export function connection(
  protocol: string | undefined,
  srcIp: string | undefined,
  srcPort: number | undefined,
  dstIp: string | undefined,
  dstPort: number | undefined,
): ConnectionInfo | undefined {
  if (srcIp === undefined && srcPort === undefined && dstIp === undefined && dstPort === undefined)
    return undefined;
  const out: Mutable<ConnectionInfo> = {};
  if (protocol !== undefined) out.protocol = protocol;
  if (srcIp !== undefined) out.srcIp = srcIp;
  if (srcPort !== undefined) out.srcPort = srcPort;
  if (dstIp !== undefined) out.dstIp = dstIp;
  if (dstPort !== undefined) out.dstPort = dstPort;
  return out;
}

/**
 * A socket's flow. Tetragon's `saddr` is always the local end; for an accept hook the peer initiated the
 * flow, so it becomes the source (what a witness on the accepting service's port expects as `dst_port`).
 */
export function socketConnection(sock: TetragonSocket, accepted: boolean): ConnectionInfo | undefined {
  const family = inetFamily(sock.family);
  if (family === undefined) return undefined;
  const protocol = protocolName(sock.protocol, sock.type);
  const local = [address(sock.saddr, family), port(sock.sport)] as const;
  const remote = [address(sock.daddr, family), port(sock.dport)] as const;
  const [src, dst] = accepted ? [remote, local] : [local, remote];
  return connection(protocol, src[0], src[1], dst[0], dst[1]);
}

/** A packet's flow, as its header says. */
export function skbConnection(skb: TetragonSkb): ConnectionInfo | undefined {
  const family = inetFamily(skb.family);
  if (family === undefined) return undefined;
  const protocol = protocolName(skb.protocol, undefined, skb.proto);
  return connection(
    protocol,
    address(skb.saddr, family),
    port(skb.sport),
    address(skb.daddr, family),
    port(skb.dport),
  );
}

/** A `sockaddr` is the address a socket is pointed at (connect, sendto, bind): the destination. */
export function sockaddrConnection(
  family: string | undefined,
  addr: string | undefined,
  portNumber: number | undefined,
): ConnectionInfo | undefined {
  const inet = inetFamily(family);
  if (inet === undefined) return undefined;
  return connection(undefined, undefined, undefined, address(addr, inet), port(portNumber));
}

/** Enterprise flow events carry no family: either address shape is accepted. */
export function flowConnection(
  protocol: string | undefined,
  srcIp: string | undefined,
  srcPort: number | undefined,
  dstIp: string | undefined,
  dstPort: number | undefined,
): ConnectionInfo | undefined {
  return connection(
    protocolName(protocol),
    address(srcIp, 'any'),
    port(srcPort),
    address(dstIp, 'any'),
    port(dstPort),
  );
}
