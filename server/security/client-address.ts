/**
 * Who is asking, and over which protocol. Behind a TLS-terminating reverse proxy (TRUST_PROXY=1) the
 * address is the last entry of X-Forwarded-For (the one the proxy itself added) and the protocol comes from
 * X-Forwarded-Proto; otherwise both come from the TCP connection, and those headers are ignored
 * (anyone can send them). `clientAddress` is the real address (for logs); per-address limits count by
 * `limitKey` of it, which puts all addresses of one IPv6 /64 together.
 */
import type { IncomingMessage } from "node:http";
import { isIPv4, isIPv6 } from "node:net";
import type { TLSSocket } from "node:tls";

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers["x-forwarded-for"];
    const list = (Array.isArray(fwd) ? fwd.join(",") : (fwd ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
    const last = list[list.length - 1];
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "unknown";
}

export function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  return requestScheme(req, trustProxy) === "https:";
}

/**
 * The protocol the browser used to reach this server, when it is known: "https:" over TLS; behind a trusted
 * proxy, the first entry of its X-Forwarded-Proto ("http" or "https"); otherwise undefined (plain HTTP to
 * this process, or a proxy that says nothing or something else).
 */
export function requestScheme(req: IncomingMessage, trustProxy: boolean): "http:" | "https:" | undefined {
  if ((req.socket as Partial<TLSSocket>).encrypted === true) return "https:";
  if (!trustProxy) return undefined;
  const proto = req.headers["x-forwarded-proto"];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(",")[0]?.trim().toLowerCase();
  return first === "https" ? "https:" : first === "http" ? "http:" : undefined;
}

/**
 * The key under which per-address limits count `address` (joins, login backoff, sockets, handshakes, TCP
 * connections). One subscriber usually gets a whole IPv6 /64 (2^64 addresses) and can pick a new address
 * of it for every request, so all addresses of one /64 count as one: `2001:db8:0:1::/64`. An IPv4 address
 * stays itself, also when written IPv4-mapped (`::ffff:1.2.3.4`, how a dual-stack server sees IPv4 peers)
 * or with a port; a zone id (`fe80::1%eth0`) and brackets are dropped. Addresses whose first 64 bits are
 * zero (`::1`, `::`) are single hosts and keep their full (canonical) form. Anything that is not an IP
 * address (`unknown`, a proxy's odd header) is its own key, as given.
 */
export function limitKey(address: string): string {
  let a = address.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(a);
  if (v4WithPort) a = v4WithPort[1]!;
  if (isIPv4(a)) return a;
  if (a.includes(":")) a = a.replace(/%.*$/, "");
  if (!isIPv6(a)) return address;
  const g = ipv6Groups(a);
  const zeroPrefix = g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0;
  if (zeroPrefix && g[4] === 0 && g[5] === 0xffff) return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  if (zeroPrefix) return canonicalIPv6(a);
  return `${canonicalIPv6(`${g.slice(0, 4).map((n) => n.toString(16)).join(":")}::`)}/64`;
}

/** The canonical text of a valid IPv6 address (lower case, longest run of zero groups as `::`; WHATWG URL's serialiser). */
const canonicalIPv6 = (a: string) => new URL(`http://[${a}]/`).hostname.slice(1, -1);

/** The eight 16-bit groups of a valid IPv6 address (compressed, with or without a dotted IPv4 tail). */
function ipv6Groups(a: string): number[] {
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  const text = tail ? `${a.slice(0, tail.index)}${((+tail[1]! << 8) | +tail[2]!).toString(16)}:${((+tail[3]! << 8) | +tail[4]!).toString(16)}` : a;
  const [head, rest] = text.split("::") as [string, string | undefined];
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((h) => parseInt(h, 16)));
  if (rest === undefined) return parse(head);
  const left = parse(head);
  const right = parse(rest);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
