/** Tests of several processes: a TCP proxy to Redis that can be cut and opened again. */
import { createServer, connect, type AddressInfo, type Server as NetServer, type Socket as NetSocket } from "node:net";

/** A TCP proxy to Redis that can be cut (every connection closed, nothing accepted) and opened again on its port. */
export function redisProxy(target: URL) {
  const conns = new Set<NetSocket>();
  let server: NetServer | null = null;
  let port = 0;
  const open = () =>
    new Promise<void>((res) => {
      server = createServer((c) => {
        const up = connect(Number(target.port || 6379), target.hostname);
        const end = () => {
          c.destroy();
          up.destroy();
          conns.delete(c);
          conns.delete(up);
        };
        for (const s of [c, up]) {
          conns.add(s);
          s.on("error", end);
          s.on("close", end);
        }
        c.pipe(up).pipe(c);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as AddressInfo).port;
        res();
      });
    });
  const cut = () =>
    new Promise<void>((res) => {
      for (const s of conns) s.destroy();
      conns.clear();
      server!.close(() => res());
    });
  return { open, cut, url: () => `redis://127.0.0.1:${port}${target.pathname}` };
}
