/**
 * A participant link with a malformed %-escape (`/p/%E0%A4%A`) answered 500: Next's router cannot decode
 * the path and gives up with a bare "Internal Server Error" before the page runs. The server now hands
 * Next such a path with its `%` signs taken literally, so the page gets a token no seat has and shows
 * "This link is not valid" like for any unknown token.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { io as ioc } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { pathParam } from "../app/lib-client/path-param";
import { isLoopbackAddress, literalPercents } from "./app";
import { LOCAL_REQUEST_HEADER } from "../lib/protocol/join-address";
import { raw } from "./security/testing";
import { appOnPort } from "./testing/app-on-port";

describe("literalPercents", () => {
  it("takes every % of a path that does not decode literally, keeps the query, and leaves other addresses alone", () => {
    expect(literalPercents("/p/%E0%A4%A")).toBe("/p/%25E0%25A4%25A");
    expect(literalPercents("/admin/sessions/%ZZ/projector?x=%E0")).toBe("/admin/sessions/%25ZZ/projector?x=%E0");
    for (const fine of ["/p/abcDEF_-123", "/p/abc%2541", "/join?code=AB%20CD", "/", "/p/%E2%82%AC"]) expect(literalPercents(fine)).toBe(fine);
  });
});

describe("pages behind the server", () => {
  const server = appOnPort();

  it("a participant link with a malformed %-escape reaches the page (not a 500), whose token is refused as not valid", async () => {
    const seen: string[] = [];
    // like Next: a path it cannot decode is a 500; otherwise the page gets the segment as it is in the path
    const nextHandler = (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? "/").split("?")[0]!;
      try {
        decodeURIComponent(path);
      } catch {
        res.writeHead(500).end("Internal Server Error");
        return;
      }
      seen.push(path);
      res.writeHead(200).end("page");
    };
    const { base } = await server.start({ nextHandler });
    expect((await raw(base, "/p/%E0%A4%A")).status).toBe(200);
    expect((await raw(base, "/admin/sessions/%E0%A4%A")).status).toBe(200);
    expect((await raw(base, "/api/admin/sessions/%E0%A4%A")).status).not.toBe(500); // the API answers for itself
    const token = pathParam(seen[0]!.slice("/p/".length));
    expect(token).toBe("%E0%A4%A");
    const socket = ioc(base, { transports: ["websocket"], auth: { token }, forceNew: true, reconnection: false });
    const refusal = await new Promise<string>((res) => {
      socket.once("connect", () => res("connected"));
      socket.once("connect_error", (e) => res(e.message));
    });
    socket.close();
    expect(refusal).toBe("This link is not valid. Please use the link you were given.");
  });

  it("marks a page request as from this machine only when it is (the LAN addresses are not shown to others)", async () => {
    const marks: (string | undefined)[] = [];
    const nextHandler = (req: IncomingMessage, res: ServerResponse) => {
      marks.push(req.headers[LOCAL_REQUEST_HEADER] as string | undefined);
      res.writeHead(200).end("page");
    };
    // behind a proxy: the client is the last X-Forwarded-For entry
    const { base } = await server.start({ nextHandler, security: { trustProxy: true } });
    await raw(base, "/admin/sessions/x", { headers: { "x-forwarded-for": "127.0.0.1" } });
    // another machine, sending the mark itself and a Host of localhost: no mark
    await raw(base, "/admin/sessions/x", { headers: { "x-forwarded-for": "203.0.113.7", [LOCAL_REQUEST_HEADER]: "1", host: "localhost" } });
    expect(marks).toEqual(["1", undefined]);
    expect([isLoopbackAddress("127.0.0.1"), isLoopbackAddress("::ffff:127.0.0.2"), isLoopbackAddress("::1"), isLoopbackAddress("10.0.0.1"), isLoopbackAddress("1270.0.0.1")]).toEqual([true, true, true, false, false]);
  });
});
