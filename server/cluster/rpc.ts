/**
 * Request/response between the processes of a cluster over Redis pub/sub: every process subscribes to
 * its own channel (`<prefix>rpc:<process id>`); a request carries the caller's id, the answer goes to
 * the caller's channel. PUBLISH answers how many subscribers got the message, so a request to a process
 * that is gone (its Redis connection closed when it died) fails at once instead of timing out.
 */
import type { Redis } from "ioredis";

type Handler = (args: unknown) => Promise<unknown>;

interface Request {
  k: "q";
  id: number;
  from: string;
  m: string;
  a: unknown;
}
interface Response {
  k: "r";
  id: number;
  ok: boolean;
  v?: unknown;
  e?: string;
}

/** The process addressed is not subscribed (it stopped or died). */
export class PeerGoneError extends Error {}
/** No answer in time (the process may be overloaded, or died after receiving the request). */
export class PeerTimeoutError extends Error {}

export class NodeRpc {
  private seq = 0;
  private readonly pending = new Map<number, { node: string; resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    readonly nodeId: string,
    private readonly prefix: string,
  ) {}

  private channel(node: string): string {
    return `${this.prefix}rpc:${node}`;
  }

  async start(): Promise<void> {
    this.sub.on("message", (channel: string, raw: string) => {
      if (channel !== this.channel(this.nodeId)) return;
      let msg: Request | Response;
      try {
        msg = JSON.parse(raw) as Request | Response;
      } catch {
        return;
      }
      if (msg.k === "r") this.settle(msg);
      else void this.serve(msg);
    });
    await this.sub.subscribe(this.channel(this.nodeId));
  }

  /** Answer requests for `method` with `fn` (its result must be plain JSON). */
  handle(method: string, fn: Handler): void {
    this.handlers.set(method, fn);
  }

  /** Call `method` on process `node`; rejects with PeerGoneError, PeerTimeoutError or the remote error. */
  async call<T>(node: string, method: string, args: unknown, timeoutMs: number): Promise<T> {
    const id = ++this.seq;
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new PeerTimeoutError(`process ${node} did not answer ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { node, resolve, reject, timer });
    });
    answer.catch(() => undefined); // may fail while the request is still being published; the caller gets the error below
    const req: Request = { k: "q", id, from: this.nodeId, m: method, a: args };
    const receivers = await this.pub.publish(this.channel(node), JSON.stringify(req)).catch((e: Error) => {
      this.settle({ k: "r", id, ok: false, e: `Redis: ${e.message}` });
      return 1;
    });
    if (receivers === 0) {
      const p = this.pending.get(id);
      if (p) {
        clearTimeout(p.timer);
        this.pending.delete(id);
        p.reject(new PeerGoneError(`process ${node} is gone`));
      }
    }
    return answer as Promise<T>;
  }

  private settle(r: Response) {
    const p = this.pending.get(r.id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(r.id);
    if (r.ok) p.resolve(r.v);
    else p.reject(new Error(r.e ?? "remote error"));
  }

  private async serve(q: Request) {
    const fn = this.handlers.get(q.m);
    let res: Response;
    try {
      if (!fn) throw new Error(`no handler for ${q.m}`);
      res = { k: "r", id: q.id, ok: true, v: await fn(q.a) };
    } catch (e) {
      res = { k: "r", id: q.id, ok: false, e: e instanceof Error ? e.message : String(e) };
    }
    await this.pub.publish(this.channel(q.from), JSON.stringify(res)).catch(() => undefined);
  }

  /** Fail every call waiting for process `node` (it is gone). */
  failPeer(node: string): void {
    for (const [id, p] of this.pending) {
      if (p.node !== node) continue;
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(new PeerGoneError(`process ${node} is gone`));
    }
  }

  close(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new PeerGoneError("closing"));
    }
    this.pending.clear();
  }
}
