/**
 * The address participants' phones open: the join link and QR code on the projector and the monitor.
 * A page builds it from the address its own browser uses, which is often `localhost` (the README's
 * http://localhost:3000/admin) and unreachable from a phone. `MECHLAB_PUBLIC_URL` (an http(s) origin,
 * e.g. https://lab.example.org or http://192.168.1.20:3000) sets it for every page; without it, a page
 * opened on a loopback name says so and names this machine's addresses on the network.
 * Pure: server/index.ts (startup lines) and the session pages' layout
 * (app/admin/sessions/[id]/layout.tsx) pass in the environment and os.networkInterfaces().
 */

export const PUBLIC_URL_ENV = "MECHLAB_PUBLIC_URL";

/** The variable's origin (null: unset), or why it cannot be used. */
export type PublicUrl = { ok: true; origin: string | null } | { ok: false; problem: string };

/** One entry of os.networkInterfaces() (family is a number in some Node versions). */
export interface NetworkAddress {
  address: string;
  family: string | number;
  internal: boolean;
}

export type NetworkInterfaces = Readonly<Record<string, readonly NetworkAddress[] | undefined>>;

/** What the server tells the session pages (monitor and projector) for the join link. */
export interface JoinSettings {
  /** MECHLAB_PUBLIC_URL's origin; null: pages use the address they are opened at. */
  publicUrl: string | null;
  /**
   * This machine's IPv4 addresses phones on the network can open (with the server's port). Only for a
   * page requested on a loopback name, the one that needs them (nobody else learns the LAN layout).
   */
  lan: string[];
}

/** The join link a page shows, and, when phones cannot open it, the addresses to open the page at instead. */
export interface JoinAddress {
  url: string;
  /** null: phones can open `url`. Otherwise its host is loopback: `pageUrls` are this page on the LAN addresses (may be empty). */
  warning: { host: string; pageUrls: string[] } | null;
}

/** MECHLAB_PUBLIC_URL checked: an http(s) origin (scheme, host, optional port), no path, query, fragment or user. */
export function parsePublicUrl(raw: string | undefined): PublicUrl {
  const text = (raw ?? "").trim();
  if (text === "") return { ok: true, origin: null };
  const example = "e.g. https://lab.example.org or http://192.168.1.20:3000";
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, problem: `"${text}" is not a web address; give the scheme and host, ${example}` };
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return { ok: false, problem: `"${text}" must start with http:// or https://, ${example}` };
  if (u.username || u.password) return { ok: false, problem: `"${text}" must not hold a user name or password` };
  if (u.pathname !== "/" || u.search || u.hash)
    return { ok: false, problem: `"${text}" must be an origin only (scheme, host and port, no path), ${example}` };
  return { ok: true, origin: u.origin };
}

const bare = (hostname: string) => hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");

/** localhost (and *.localhost), 127.x.y.z, ::1 and the unspecified addresses: names a phone cannot open to reach this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = bare(hostname);
  return (
    h === "localhost" ||
    h.endsWith(".localhost") ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    h === "::1" ||
    h === "0:0:0:0:0:0:0:1" ||
    h === "::ffff:127.0.0.1" ||
    h === "0.0.0.0" ||
    h === "::"
  );
}

/** The host name of a Host header ("127.0.0.1:3000", "[::1]:3000"), or null when it is not one. */
export function hostnameOf(hostHeader: string | null | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return null;
  }
}

/** Non-internal IPv4 addresses of the machine (link-local 169.254.x.y left out: nobody else can reach it), in interface order. */
export function lanAddresses(interfaces: NetworkInterfaces): string[] {
  const out: string[] = [];
  for (const list of Object.values(interfaces))
    for (const a of list ?? [])
      if ((a.family === "IPv4" || a.family === 4) && !a.internal && !a.address.startsWith("169.254.") && !out.includes(a.address)) out.push(a.address);
  return out;
}

const everyAddress = (host: string) => host === "" || host === "0.0.0.0" || host === "::";

/**
 * Where phones may reach a server listening on `host` (HOST, default 0.0.0.0): every LAN address when it
 * listens on all of them, none when it listens on a loopback address only, else the one it listens on.
 */
export function reachableAddresses(host: string, interfaces: NetworkInterfaces): string[] {
  if (everyAddress(host)) return lanAddresses(interfaces);
  if (isLoopbackHost(host)) return [];
  return [host];
}

/** "http://192.168.1.20:3000" (IPv6 literals in brackets). */
export function httpOrigin(address: string, port: number | string): string {
  const host = address.includes(":") && !address.startsWith("[") ? `[${address}]` : address;
  return `http://${host}${port === "" || port === 80 || port === "80" ? "" : `:${port}`}`;
}

/** The settings a session page gets from the server (its layout), for a request that came with `hostHeader`. */
/** Set by the server on a page request that came from this machine (never taken from the client: any incoming one is removed). */
export const LOCAL_REQUEST_HEADER = "x-mechlab-local-request";

export function joinSettings(
  env: Readonly<Record<string, string | undefined>>,
  hostHeader: string | null,
  interfaces: NetworkInterfaces,
  /** The request came from this machine (server/app.ts `LOCAL_REQUEST_HEADER`); a Host header anyone can send is not enough. */
  fromThisMachine = true,
): JoinSettings {
  const pub = parsePublicUrl(env[PUBLIC_URL_ENV]);
  const hostname = hostnameOf(hostHeader);
  const local = fromThisMachine && hostname !== null && isLoopbackHost(hostname);
  return { publicUrl: pub.ok ? pub.origin : null, lan: local ? reachableAddresses(env.HOST ?? "0.0.0.0", interfaces) : [] };
}

/** Where the page itself is open (window.location's parts). */
export interface PageLocation {
  origin: string;
  port: string;
  pathname: string;
}

/** The join link for room `code`, from MECHLAB_PUBLIC_URL or else the page's own origin, with a warning when it is loopback. */
export function joinAddress(settings: JoinSettings, page: PageLocation, code: string): JoinAddress {
  const base = settings.publicUrl ?? page.origin;
  const url = `${base}/join?code=${encodeURIComponent(code)}`;
  const host = new URL(base).hostname;
  if (!isLoopbackHost(host)) return { url, warning: null };
  return { url, warning: { host: bare(host), pageUrls: settings.lan.map((a) => `${httpOrigin(a, page.port)}${page.pathname}`) } };
}

/** The lines server/index.ts prints at startup, after the admin line: the public URL, or where phones on the network join. */
export function startupLines(opts: { env: Readonly<Record<string, string | undefined>>; host: string; port: number; interfaces: NetworkInterfaces }): string[] {
  const pub = parsePublicUrl(opts.env[PUBLIC_URL_ENV]);
  const lines: string[] = [];
  if (!pub.ok)
    lines.push(
      `mechlab: WARNING: ${PUBLIC_URL_ENV} is ignored: ${pub.problem}. Join links and QR codes use the address the admin page is opened at.`,
    );
  else if (pub.origin !== null) {
    lines.push(`mechlab: participants join at ${pub.origin}/join (${PUBLIC_URL_ENV})`);
    return lines;
  }
  const reachable = reachableAddresses(opts.host, opts.interfaces);
  if (reachable.length > 0) lines.push(`mechlab: participants on this network: ${reachable.map((a) => httpOrigin(a, opts.port)).join(", ")}`);
  else if (everyAddress(opts.host)) lines.push(`mechlab: no network address found: phones cannot reach this machine until it is on a network`);
  else
    lines.push(
      `mechlab: listening on ${opts.host} only: phones reach it only through a reverse proxy; set ${PUBLIC_URL_ENV} to the proxy's address so join links and QR codes point there`,
    );
  return lines;
}
