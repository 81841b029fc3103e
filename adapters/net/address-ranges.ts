import { BlockList, isIP } from 'node:net';

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'reserved';

/** Cloud instance-metadata endpoints: reaching one from a server leaks its credentials. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254']);

const blockList = (subnets: ReadonlyArray<readonly [string, number]>): BlockList => {
  const list = new BlockList();
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
  return list;
};

const RANGES: ReadonlyArray<readonly [Exclude<AddressClass, 'public' | 'metadata'>, BlockList]> = [
  ['loopback', blockList([['127.0.0.0', 8], ['::1', 128]])],
  ['link-local', blockList([['169.254.0.0', 16], ['fe80::', 10]])],
  [
    'private',
    blockList([['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10], ['fc00::', 7]]),
  ],
  [
    'reserved',
    blockList([
      ['0.0.0.0', 8],
      ['192.0.0.0', 24],
      ['192.0.2.0', 24],
      ['198.18.0.0', 15],
      ['198.51.100.0', 24],
      ['203.0.113.0', 24],
      ['224.0.0.0', 4],
      ['240.0.0.0', 4],
      ['::', 96],
      ['100::', 64],
      ['2001:db8::', 32],
      ['ff00::', 8],
    ]),
  ],
];

const expandIpv6 = (address: string): ReadonlyArray<number> => {
  const [head = '', tail] = address.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
};

/**
 * The IPv4 address an IPv4-mapped (::ffff:0:0/96) or NAT64 (64:ff9b::/96) address stands for, which
 * is where the packets really go; null for any other address.
 */
const embeddedIpv4 = (address: string): string | null => {
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (dotted !== undefined) return dotted;
  const words = expandIpv6(address);
  const isMapped = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff;
  const isNat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0);
  if (!isMapped && !isNat64) return null;
  const high = words[6] ?? 0;
  const low = words[7] ?? 0;
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
};

const unbracket = (host: string): string => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

/** What kind of network an IP address belongs to; `public` for anything routable on the internet. */
export const classifyAddress = (raw: string): AddressClass => {
  const address = unbracket(raw).toLowerCase().split('%')[0] ?? '';
  const family = isIP(address);
  if (family === 0) return 'reserved';
  const embedded = family === 6 ? embeddedIpv4(address) : null;
  if (embedded !== null) return classifyAddress(embedded);
  if (METADATA_ADDRESSES.has(address)) return 'metadata';
  const type = family === 6 ? 'ipv6' : 'ipv4';
  const hit = RANGES.find(([, list]) => list.check(address, type));
  if (hit !== undefined) return hit[0];
  return 'public';
};

const DESCRIPTIONS: Record<Exclude<AddressClass, 'public'>, string> = {
  loopback: 'a loopback address',
  private: 'a private network address',
  'link-local': 'a link-local address',
  metadata: 'a cloud metadata address',
  reserved: 'a reserved or non-routable address',
};

/**
 * Why taskport will not connect to this address, or null when it may. Loopback and private ranges
 * open up only for local development; link-local (where metadata services live), metadata and
 * reserved addresses never do.
 */
export const addressRefusal = (address: string, allowPrivateNetwork: boolean): string | null => {
  const kind = classifyAddress(address);
  if (kind === 'public') return null;
  if (allowPrivateNetwork && (kind === 'loopback' || kind === 'private')) return null;
  return `${unbracket(address)} is ${DESCRIPTIONS[kind]}`;
};
