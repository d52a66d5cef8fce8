/**
 * Issue 10 in a real browser: every page carries a Content-Security-Policy with a script nonce and still
 * hydrates with no CSP violation; a page served from another port of the same host cannot end a session,
 * create one, or open the admin socket, even while the admin is logged in in the same browser.
 */
import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { createSessionFromExample } from "./steps";

test("pages carry the security headers and hydrate under the CSP without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  for (const path of ["/", "/join", "/admin"]) {
    const res = await page.goto(path);
    const h = res!.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(h["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
  }
  // hydrated: the login form reacts (client-side validation message from the server)
  await page.getByTestId("admin-password").fill("wrong");
  await page.getByTestId("admin-login").click();
  await expect(page.getByTestId("admin-login-error")).toContainText("Wrong password");
  expect(violations).toEqual([]);
});

test("a page on another port of the same host cannot act as the logged-in admin", async ({ browser, baseURL }) => {
  const { admin, sessionId } = await createSessionFromExample(browser, "ids-investment-3.json");
  const target = new URL(baseURL!);
  // the attacker's page: same host name, another port
  const evil: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>evil</title>"));
  await new Promise<void>((r) => evil.listen(0, target.hostname, () => r()));
  const port = (evil.address() as { port: number }).port;
  try {
    const page = await admin.context().newPage();
    await page.goto(`http://${target.hostname}:${port}/`);
    const results = await page.evaluate(
      async ({ origin, id }) => {
        const tries: Record<string, string> = {};
        const attempt = async (name: string, f: () => Promise<Response>) => {
          try {
            tries[name] = String((await f()).status);
          } catch {
            tries[name] = "blocked";
          }
        };
        await attempt("end as text/plain", () =>
          fetch(`${origin}/api/admin/sessions/${id}/command`, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: '{"kind":"end"}' }),
        );
        await attempt("end as json", () =>
          fetch(`${origin}/api/admin/sessions/${id}/command`, { method: "POST", credentials: "include", headers: { "content-type": "application/json", "x-mechlab-csrf": "1" }, body: '{"kind":"end"}' }),
        );
        await attempt("read admin view", () => fetch(`${origin}/api/admin/sessions/${id}`, { credentials: "include" }));
        const ws = await new Promise<string>((resolve) => {
          const s = new WebSocket(`${origin.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`);
          s.onmessage = (e) => {
            const text = String(e.data);
            if (text.startsWith("0")) s.send('40{"admin":true}');
            else if (text.startsWith("40")) resolve("connected");
            else if (text.startsWith("44")) resolve(`refused: ${text}`);
          };
          s.onerror = () => resolve("error");
          setTimeout(() => resolve("timeout"), 5000);
        });
        tries["admin socket"] = ws;
        return tries;
      },
      { origin: baseURL!, id: sessionId },
    );
    // no-cors requests give an opaque answer (status 0); the server refused them (checked below)
    expect(results["end as json"]).toBe("blocked"); // the CORS preflight for the custom header is never approved
    expect(results["read admin view"]).toBe("blocked");
    expect(results["admin socket"]).toMatch(/refused: .*another site/);
    const detail = await admin.request.get(`/api/admin/sessions/${encodeURIComponent(sessionId)}`);
    expect((await detail.json()).session.status).not.toBe("ended");
  } finally {
    await new Promise((r) => evil.close(r));
  }
});
