/** `readJson`: size limits in words, and a deadline for a body that trickles in. */
import { createServer, request, type IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { answerSlowBodies, BodyError, readJson } from "./respond";

/** A request body stream with `headers`, as readJson sees an IncomingMessage. */
const fakeRequest = (headers: Record<string, string> = {}) => Object.assign(new PassThrough(), { headers }) as unknown as IncomingMessage & PassThrough;

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as BodyError);

describe("readJson", () => {
  it("says its limit in KB or MB", async () => {
    const small = await failure(readJson(fakeRequest({ "content-length": "5000" }), 4096));
    expect([small?.status, small?.message]).toEqual([413, "The request is too large (4 KB at most)."]);
    const big = await failure(readJson(fakeRequest({ "content-length": "3000000" })));
    expect(big?.message).toBe("The request is too large (2 MB at most).");
  });

  it("rejects with 408 when the body has not arrived by the deadline", async () => {
    const req = fakeRequest();
    req.write('{"a":');
    const t0 = Date.now();
    const e = await failure(readJson(req, 1000, 200));
    expect(e?.status).toBe(408);
    expect(e?.message).toBe("The request body did not arrive within 0.2 s. Please check your connection and try again.");
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("reads a body that arrives in time, and rejects at once when the client goes away", async () => {
    const ok = fakeRequest();
    const read = readJson(ok, 1000, 500);
    ok.end('{"a":1}');
    expect(await read).toEqual({ a: 1 });
    const gone = fakeRequest();
    const reading = failure(readJson(gone, 1000, 60_000));
    gone.write("{");
    gone.destroy();
    expect((await reading)?.message).toBe("The request body could not be read.");
  });

  describe("over a real connection", () => {
    const servers: ReturnType<typeof createServer>[] = [];
    afterEach(() => {
      for (const s of servers.splice(0)) s.close();
    });

    it("answers a trickling body 408 itself (JSON, Connection: close) when told the response", async () => {
      const server = createServer((req, res) => {
        answerSlowBodies(req, res, 300);
        readJson(req).then(
          (body) => res.end(JSON.stringify(body)),
          () => undefined, // answered by readJson
        );
      });
      servers.push(server);
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      const port = (server.address() as { port: number }).port;
      const answer = await new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, method: "POST", path: "/", headers: { "content-type": "application/json", "content-length": "50" } }, (res) => {
          let body = "";
          res.on("data", (d: Buffer) => (body += d.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
        });
        req.on("error", reject);
        req.write("{");
      });
      expect(answer.status).toBe(408);
      expect(answer.connection).toBe("close");
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: "request/timeout", message: expect.stringMatching(/did not arrive within 0\.3 s/) } });
    });
  });
});
