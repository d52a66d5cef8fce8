/**
 * Open TCP connections per client address. Every connection holds a file descriptor until it closes; the
 * realtime limits only count Socket.IO connections, so without this one address could open connections
 * that send nothing (or trickle their headers) until the process has no descriptors left, and the server
 * stops answering everyone. At the cap a new connection closes the address's oldest idle one, or is
 * closed itself when every one is busy (`ConnectionCap`).
 *
 * The address is the TCP peer's, grouped by `limitKey` (an IPv6 /64 counts as one). Behind a reverse
 * proxy (TRUST_PROXY=1) every connection comes from the proxy, so the proxy's address is allowed
 * `PROXY_FACTOR` times the cap: the cap then only keeps the process below its descriptor limit, and the
 * proxy must limit connections per client itself (docs/security.md).
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { limitKey } from "./client-address";

/** A classroom of 60 behind one NAT address, each browser with ~6 keep-alive connections and a websocket, fits many times over. */
export const DEFAULT_CONNECTIONS_PER_ADDRESS = 1000;
export const CONNECTIONS_PER_ADDRESS_ENV = "MECHLAB_CONNECTIONS_PER_ADDRESS";
/** Behind TRUST_PROXY: how many times the cap the proxy's address may hold (all participants' connections). */
export const PROXY_FACTOR = 10;

/** `MECHLAB_CONNECTIONS_PER_ADDRESS` if it is a positive number, else the default; a bad value is named and ignored. */
export function connectionsPerAddressFromEnv(env: Readonly<Record<string, string | undefined>> = process.env, warn: (line: string) => void = console.warn): number {
  const raw = env[CONNECTIONS_PER_ADDRESS_ENV];
  if (raw === undefined || raw === "") return DEFAULT_CONNECTIONS_PER_ADDRESS;
  const n = Number(raw);
  if (Number.isFinite(n) && n > 0) return n;
  warn(`mechlab: ${CONNECTIONS_PER_ADDRESS_ENV}=${raw} is not a positive number; using ${DEFAULT_CONNECTIONS_PER_ADDRESS}`);
  return DEFAULT_CONNECTIONS_PER_ADDRESS;
}

/** What the cap needs of a connection (a `net.Socket`). */
export interface Peer {
  readonly remoteAddress?: string | undefined;
  destroy(): unknown;
  once(event: "close", listener: () => void): unknown;
}

/**
 * The connections counted per address (by `limitKey`) of one server. At the cap a new connection closes
 * the address's oldest **idle** one (no request in progress: it sent nothing yet, or waits between two
 * requests on keep-alive) instead of being refused; only when every connection of the address is busy is
 * the new one refused. Refusing the newest let one client that held the address's places with connections
 * sending nothing shut out every page, join and login from behind the same address (a class behind one
 * NAT address); a browser sends its request as soon as it connects, so the connections that wait longest
 * are those that never will. A connection upgraded to a websocket is never closed here: the realtime
 * limits count those.
 */
export class ConnectionCap {
  /** Per address, its open connections, oldest first. */
  private readonly open = new Map<string, Set<Peer>>();
  /** Requests in progress per connection (keep-alive connections may carry several one after another). */
  private readonly busy = new WeakMap<Peer, number>();
  private readonly upgraded = new WeakSet<Peer>();

  /** `perAddress` connections may be open at once from one address (grouped by `limitKey`). */
  constructor(readonly perAddress: number) {}

  /** Count a new connection until it closes; false when it was refused (destroyed at once). */
  admit(socket: Peer): boolean {
    const key = limitKey(socket.remoteAddress ?? "unknown");
    let peers = this.open.get(key);
    if (!peers) this.open.set(key, (peers = new Set()));
    if (peers.size >= this.perAddress) {
      const idle = this.oldestIdle(peers);
      if (!idle) {
        socket.destroy();
        return false;
      }
      peers.delete(idle);
      idle.destroy();
    }
    peers.add(socket);
    socket.once("close", () => {
      const set = this.open.get(key);
      if (!set) return;
      set.delete(socket);
      if (set.size === 0) this.open.delete(key);
    });
    return true;
  }

  /** A request started on `socket`. */
  requestStarted(socket: Peer) {
    this.busy.set(socket, (this.busy.get(socket) ?? 0) + 1);
  }

  /** A request on `socket` was answered (or its client went away). */
  requestEnded(socket: Peer) {
    const n = (this.busy.get(socket) ?? 1) - 1;
    if (n <= 0) this.busy.delete(socket);
    else this.busy.set(socket, n);
  }

  /** `socket` now carries a websocket (the realtime limits count it). */
  upgradedTo(socket: Peer) {
    this.upgraded.add(socket);
  }

  private oldestIdle(peers: Set<Peer>): Peer | undefined {
    for (const p of peers) if (!this.busy.has(p) && !this.upgraded.has(p)) return p;
    return undefined;
  }

  /** Connections counted for `address` (and every address of its group). */
  openFrom(address: string): number {
    return this.open.get(limitKey(address))?.size ?? 0;
  }
}

/**
 * Cap the connections per address of `server` (its "connection" event). `trustProxy`: the peers are a
 * reverse proxy, allowed `PROXY_FACTOR` times as many.
 */
export function capConnections(server: Server, perAddress: number, trustProxy: boolean): ConnectionCap {
  const cap = new ConnectionCap(trustProxy ? perAddress * PROXY_FACTOR : perAddress);
  server.on("connection", (socket: Socket) => void cap.admit(socket));
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    cap.requestStarted(socket);
    let ended = false;
    const end = () => {
      if (!ended) cap.requestEnded(socket);
      ended = true;
    };
    res.once("finish", end);
    res.once("close", end);
  });
  // a listener of its own, beside engine.io's: Node hands an upgrade to every "upgrade" listener
  server.on("upgrade", (req: IncomingMessage) => cap.upgradedTo(req.socket));
  return cap;
}
