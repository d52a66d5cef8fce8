/**
 * Open TCP connections per client address. Every connection holds a file descriptor until it closes; the
 * realtime limits only count Socket.IO connections, so without this one address could open connections
 * that send nothing (or trickle their headers) until the process has no descriptors left, and the server
 * stops answering everyone. A connection over the cap is closed at once, before anything is read.
 *
 * The address is the TCP peer's, grouped by `limitKey` (an IPv6 /64 counts as one). Behind a reverse
 * proxy (TRUST_PROXY=1) every connection comes from the proxy, so the proxy's address is allowed
 * `PROXY_FACTOR` times the cap: the cap then only keeps the process below its descriptor limit, and the
 * proxy must limit connections per client itself (docs/security.md).
 */
import type { Server } from "node:http";
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

/** The connections counted per address (by `limitKey`) of one server. */
export class ConnectionCap {
  private readonly open = new Map<string, number>();

  /** `perAddress` connections may be open at once from one address (grouped by `limitKey`). */
  constructor(readonly perAddress: number) {}

  /** Count a new connection until it closes; over the cap it is destroyed at once (false). */
  admit(socket: Peer): boolean {
    const key = limitKey(socket.remoteAddress ?? "unknown");
    const n = this.open.get(key) ?? 0;
    if (n >= this.perAddress) {
      socket.destroy();
      return false;
    }
    this.open.set(key, n + 1);
    socket.once("close", () => {
      const left = (this.open.get(key) ?? 1) - 1;
      if (left <= 0) this.open.delete(key);
      else this.open.set(key, left);
    });
    return true;
  }

  /** Connections counted for `address` (and every address of its group). */
  openFrom(address: string): number {
    return this.open.get(limitKey(address)) ?? 0;
  }
}

/**
 * Cap the connections per address of `server` (its "connection" event). `trustProxy`: the peers are a
 * reverse proxy, allowed `PROXY_FACTOR` times as many.
 */
export function capConnections(server: Server, perAddress: number, trustProxy: boolean): ConnectionCap {
  const cap = new ConnectionCap(trustProxy ? perAddress * PROXY_FACTOR : perAddress);
  server.on("connection", (socket: Socket) => void cap.admit(socket));
  return cap;
}
