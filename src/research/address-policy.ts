import { BlockList, isIP } from "node:net";

/**
 * Addresses research never fetches from in production: private networks, link-local (cloud
 * metadata at 169.254.169.254), carrier NAT, documentation and benchmark ranges, multicast,
 * reserved, and loopback. A pasted link or a feed entry must not reach into our own network.
 */
const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, "ipv6");
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

export type AddressVerdict = "public" | "loopback" | "private" | "invalid";

/** Classifies one IP address; IPv4-mapped IPv6 addresses are judged by their IPv4 part. */
export function classifyAddress(address: string): AddressVerdict {
  const bare = address.replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  const ip = mapped ?? bare;
  const family = isIP(ip);
  if (family === 0) return "invalid";
  const type = family === 4 ? "ipv4" : "ipv6";
  if (LOOPBACK.check(ip, type)) return "loopback";
  if (NON_PUBLIC.check(ip, type)) return "private";
  return "public";
}

/** Whether a fetch may connect to `address` under the loopback allowance. */
export function addressAllowed(address: string, allowLoopback: boolean): boolean {
  const verdict = classifyAddress(address);
  return verdict === "public" || (verdict === "loopback" && allowLoopback);
}
