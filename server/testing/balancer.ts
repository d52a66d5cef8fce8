/**
 * A TCP load balancer for tests and benchmarks on loopback: each new connection goes to the next backend
 * (round robin) that accepts it; a backend that refuses (its process died) is skipped. Connections are
 * not sticky, like an ordinary load balancer in front of processes that need no stickiness.
 */
import { createConnection, createServer, type Socket } from "node:net";

export interface Balancer {
  port: number;
  /** Connections open now, per backend (same order as the ports given). */
  open(): number[];
  close(): Promise<void>;
}

export async function startBalancer(backends: number[]): Promise<Balancer> {
  let next = 0;
  const open = backends.map(() => 0);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.pause();
    const attempt = (tries: number) => {
      if (tries >= backends.length) {
        client.destroy();
        return;
      }
      const k = next++ % backends.length;
      const upstream = createConnection({ host: "127.0.0.1", port: backends[k]! });
      let connected = false;
      upstream.once("error", () => {
        if (!connected) attempt(tries + 1); // refused: this backend is down, try the next
      });
      upstream.once("connect", () => {
        connected = true;
        open[k]!++;
        sockets.add(upstream);
        upstream.on("error", () => client.destroy());
        upstream.on("close", () => {
          open[k]!--;
          sockets.delete(upstream);
          client.destroy();
        });
        client.on("error", () => upstream.destroy());
        client.on("close", () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  return {
    port: typeof a === "object" && a ? a.port : 0,
    open: () => [...open],
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
