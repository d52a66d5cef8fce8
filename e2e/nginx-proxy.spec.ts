/**
 * The nginx example of docs/deploy.md, run as written (docs/deploy/nginx.conf) with Debian's nginx in
 * front of two `npm start` processes on PostgreSQL + Redis (the third machine of the example is down:
 * nothing listens on its port). Only what belongs to a machine is changed: the backends' and nginx's
 * addresses and the certificate (self-signed for lab.example.org, made with openssl now); the browser
 * resolves lab.example.org to this machine. Checked: HTTP redirects to HTTPS; the pages load over HTTPS;
 * the admin logs in (Host in MECHLAB_ALLOWED_HOSTS, origin check) and gets a Secure cookie
 * (X-Forwarded-Proto with TRUST_PROXY=1); another host name is refused; Socket.IO's WebSocket upgrade
 * passes the proxy (101 in nginx's log); three people play; the process owning the session is killed
 * (SIGKILL) and everyone, the monitor included, reconnects through nginx and plays on to the export;
 * the login throttle counts the address nginx reports, not one the client wrote into X-Forwarded-For.
 *
 * Reports itself skipped without nginx/openssl or without MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { CSRF_HEADER, CSRF_VALUE } from "../lib/protocol/csrf";
import { ADMIN_PASSWORD, BASE_PORT, PG, REDIS, ROOT, canSeeConnections, connectionsByProcess, freshDatabase, npmStart, type Started, type TestDatabase } from "./cluster-steps";
import { createSessionFromExample, invest, parseCsv, participantLinks, seatEveryone } from "./steps";

const HOST = "lab.example.org";
const HTTPS = BASE_PORT + 1;
const HTTP = BASE_PORT + 2;
const BACKENDS = [BASE_PORT + 3, BASE_PORT + 4];
const DOWN = BASE_PORT + 5; // the example's third machine: nothing listens there
const ORIGIN = `https://${HOST}:${HTTPS}`;
const DECISIONS = [
  ["1", "2", "3"],
  ["2.5", "0.5", "1.5"],
];

const which = (cmd: string): string | null => {
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin"]) if (existsSync(join(dir, cmd))) return join(dir, cmd);
  return null;
};
const NGINX = which("nginx");
const OPENSSL = which("openssl");
const missing = [!NGINX && "nginx (apt-get install -y nginx)", !OPENSSL && "openssl", !PG && "MECHLAB_TEST_PG_URL", !REDIS && "MECHLAB_TEST_REDIS_URL"].filter(Boolean);

test.use({
  baseURL: ORIGIN,
  ignoreHTTPSErrors: true, // the certificate is self-signed
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  },
});
test.describe.configure({ timeout: 360_000 });
test.skip(missing.length > 0, `skipped: needs ${missing.join(", ")}`);

/** Replace `from` (which must occur exactly once: the docs' file is used as written) with `to`. */
function swap(text: string, from: string, to: string): string {
  const n = text.split(from).length - 1;
  if (n !== 1) throw new Error(`docs/deploy/nginx.conf: expected "${from}" once, found it ${n} times`);
  return text.replace(from, to);
}

/** The docs' config with this machine's addresses and certificate, inside a minimal nginx.conf. */
function nginxConfig(dir: string): string {
  let site = readFileSync(join(ROOT, "docs/deploy/nginx.conf"), "utf8");
  site = swap(site, "server 10.0.0.11:3000 ", `server 127.0.0.1:${BACKENDS[0]} `);
  site = swap(site, "server 10.0.0.12:3000 ", `server 127.0.0.1:${BACKENDS[1]} `);
  site = swap(site, "server 10.0.0.13:3000 ", `server 127.0.0.1:${DOWN} `);
  site = swap(site, "listen 80;", `listen 127.0.0.1:${HTTP};`);
  site = swap(site, "listen 443 ", `listen 127.0.0.1:${HTTPS} `);
  site = swap(site, `/etc/letsencrypt/live/${HOST}/fullchain.pem`, join(dir, "cert.pem"));
  site = swap(site, `/etc/letsencrypt/live/${HOST}/privkey.pem`, join(dir, "key.pem"));
  writeFileSync(join(dir, "mechlab.conf"), site);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path ${join(dir, t)};`).join("\n");
  return [
    "daemon off;",
    "worker_processes 1;",
    process.getuid?.() === 0 ? "user root;" : "",
    `pid ${join(dir, "nginx.pid")};`,
    `error_log ${join(dir, "error.log")} notice;`,
    "events { worker_connections 512; }",
    "http {",
    `  access_log ${join(dir, "access.log")};`,
    temp,
    `  include ${join(dir, "mechlab.conf")};`,
    "}",
    "",
  ].join("\n");
}

const portOpen = (port: number) =>
  new Promise<boolean>((res) => {
    const s = connect({ host: "127.0.0.1", port }, () => (s.destroy(), res(true)));
    s.on("error", () => res(false));
  });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request to nginx on this machine as a client that is not a browser (HTTPS unless `http`). */
function viaNginx(path: string, opts: { host?: string; method?: string; headers?: Record<string, string>; body?: string; http?: boolean } = {}): Promise<Reply> {
  return new Promise((res, rej) => {
    const options = {
      host: "127.0.0.1",
      port: opts.http ? HTTP : HTTPS,
      path,
      method: opts.method ?? "GET",
      servername: HOST,
      rejectUnauthorized: false,
      headers: { host: opts.host ?? `${HOST}:${HTTPS}`, ...opts.headers, ...(opts.body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(opts.body)) } : {}) },
    };
    const req = (opts.http ? httpRequest : httpsRequest)(options, (r) => {
      let body = "";
      r.on("data", (d: Buffer) => (body += d.toString()));
      r.on("end", () => res({ status: r.statusCode ?? 0, headers: r.headers, body }));
    });
    req.on("error", rej);
    req.end(opts.body);
  });
}

let dir = "";
let db: TestDatabase | null = null;
let nginx: ChildProcess | null = null;
const backends: Started[] = [];

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mechlab-nginx-"));
  execFileSync(OPENSSL!, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", `/CN=${HOST}`, "-addext", `subjectAltName=DNS:${HOST}`, "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "pipe" });
  writeFileSync(join(dir, "nginx.conf"), nginxConfig(dir));
  execFileSync(NGINX!, ["-t", "-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "error.log")], { stdio: "pipe" });
  db = await freshDatabase(PG!, "mechlab_e2e_nginx");
  for (const port of BACKENDS)
    backends.push(
      await npmStart(
        {
          PORT: String(port),
          HOST: "127.0.0.1",
          DATABASE_URL: db.url,
          REDIS_URL: REDIS!,
          MECHLAB_REDIS_PREFIX: `mechlab-e2e-nginx-${process.pid}:`,
          ADMIN_PASSWORD,
          TRUST_PROXY: "1",
          MECHLAB_ALLOWED_HOSTS: HOST,
        },
        1,
      ),
    );
  nginx = spawn(NGINX!, ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "error.log")], { stdio: "ignore" });
  const end = Date.now() + 20_000;
  while (!(await portOpen(HTTPS))) {
    if (Date.now() > end || nginx.exitCode !== null) throw new Error(`nginx did not start:\n${readFileSync(join(dir, "error.log"), "utf8")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

test.afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const gone = new Promise((r) => nginx!.once("exit", r));
    nginx.kill("SIGTERM"); // fast shutdown (SIGQUIT would wait for the open WebSockets)
    const force = setTimeout(() => nginx!.kill("SIGKILL"), 5000);
    await gone;
    clearTimeout(force);
  }
  for (const b of backends) await b.stop();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Submit an investment as a person does during a failover: an answer the server did not acknowledge in
 * time makes the page say "No answer from the server yet … press the button again; nothing is counted
 * twice", and the person presses again. Returns how often they had to.
 */
async function investAsAPerson(p: Page, x: string): Promise<number> {
  await p.getByTestId("invest-input").fill(x);
  const done = p.getByTestId("invest-done").or(p.getByTestId("phase-results"));
  const noAnswer = p.getByText(/No answer from the server yet/);
  for (let again = 0; again < 5; again++) {
    await p.getByTestId("invest-submit").click(); // waits until the button is enabled (no answer pending)
    await expect(done.or(noAnswer)).toBeVisible({ timeout: 30_000 });
    if (await done.isVisible()) return again;
    await expect(p.getByTestId("invest-submit")).toBeEnabled({ timeout: 30_000 });
  }
  throw new Error("no answer after pressing submit five times");
}

/** The pid of the process that holds the session's lease (its owner id is `<host>-<pid>-<random>`). */
async function ownerPid(sessionId: string): Promise<number> {
  const c = new pg.Client({ connectionString: db!.url });
  await c.connect();
  try {
    const r = await c.query(`SELECT owner FROM "SessionLease" WHERE "sessionId" = $1`, [sessionId]);
    const m = /-(\d+)-[0-9a-f]+$/.exec(String(r.rows[0]?.owner ?? ""));
    return m ? Number(m[1]) : 0;
  } finally {
    await c.end();
  }
}

test("the docs' nginx config: HTTPS, forwarded headers, WebSocket through the proxy, failover of a killed backend", async ({ browser }) => {
  // port 80 sends browsers to HTTPS
  const redirect = await viaNginx("/join?code=AB12", { http: true, host: HOST });
  expect(redirect.status).toBe(301);
  expect(redirect.headers.location).toBe(`https://${HOST}/join?code=AB12`);

  // the pages over HTTPS; the admin logs in by the public name and gets a Secure cookie
  const { admin, sessionId } = await createSessionFromExample(browser, "ids-investment-3.json");
  expect(new URL(admin.url()).origin).toBe(ORIGIN);
  const cookie = (await admin.context().cookies()).find((c) => c.name === "mechlab_admin");
  expect(cookie?.secure, "the admin cookie is Secure behind HTTPS (X-Forwarded-Proto, TRUST_PROXY=1)").toBe(true);
  const home = await admin.context().newPage();
  expect((await home.goto("/"))?.status()).toBe(200);
  await home.close();
  // a host name that is not in MECHLAB_ALLOWED_HOSTS gets no admin answer
  const other = await viaNginx("/api/admin/login", { method: "POST", host: "other.example.net", headers: { [CSRF_HEADER]: CSRF_VALUE }, body: JSON.stringify({ password: ADMIN_PASSWORD }) });
  expect(other.status).toBe(403);
  expect(JSON.parse(other.body).error.code).toBe("auth/host_not_allowed");

  const links = await participantLinks(admin, 3);
  const people = await seatEveryone(browser, admin, links, [1]);
  // round 1 through the proxy
  for (const [i, p] of people.entries()) await invest(p, DECISIONS[0]![i]!);
  for (const [i, p] of people.entries()) await expect(p.getByTestId("my-x")).toHaveText(DECISIONS[0]![i]!);
  for (const p of people) await p.getByTestId("next-round").click();
  for (const p of people) await expect(p.getByTestId("round-number")).toHaveText("2 of 2");

  // kill -9 the process that owns the session, while browsers are connected to it through nginx
  const pids = backends.map((b) => b.servers[0]!);
  const owner = await ownerPid(sessionId);
  const k = pids.indexOf(owner);
  expect(k, `the session's owner (${owner}) is one of the backends (${pids.join(", ")})`).toBeGreaterThanOrEqual(0);
  if (canSeeConnections) expect(connectionsByProcess(BACKENDS[k]!, [owner])[0], "connections held by the owner before the kill").toBeGreaterThan(0);
  process.kill(owner, "SIGKILL");
  const survivor = BACKENDS[1 - k]!;

  // everyone reconnects through nginx to the other process, which takes the session over, and plays on
  let again = 0;
  for (const [i, p] of people.entries()) again += await investAsAPerson(p, DECISIONS[1]![i]!);
  console.log(`nginx failover: ${again} submit(s) pressed again after "No answer from the server yet"`);
  for (const [i, p] of people.entries()) {
    await expect(p.getByTestId("phase-results")).toBeVisible({ timeout: 30_000 });
    await expect(p.getByTestId("my-x")).toHaveText(DECISIONS[1]![i]!);
  }
  for (const p of people) await p.getByTestId("next-round").click();
  for (const p of people) await expect(p.getByTestId("final-page")).toBeVisible();
  for (let seat = 0; seat < 3; seat++) await expect(admin.getByTestId(`monitor-row-${seat}`)).toContainText("done", { timeout: 30_000 });
  if (canSeeConnections) expect(connectionsByProcess(survivor, [pids[1 - k]!])[0]).toBeGreaterThanOrEqual(4); // 3 people + the monitor
  // Socket.IO went through nginx as WebSockets (nginx logs a connection when it ends: those to the killed process)
  expect(readFileSync(join(dir, "access.log"), "utf8")).toMatch(/"GET \/socket\.io\/\?[^"]*transport=websocket[^"]*" 101 /);

  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("download-csv").click()]);
  const [header, ...rows] = parseCsv(await readFile((await download.path())!, "utf8")).filter((r) => r.some((c) => c !== ""));
  const col = (name: string) => header!.indexOf(name);
  expect(rows).toHaveLength(3 * 2);
  for (const row of rows) expect(Number(row[col("decision_x")])).toBeCloseTo(Number(DECISIONS[Number(row[col("round")]) - 1]![Number(row[col("seat")]) - 1]), 9);

  // the client address is the one nginx appends to X-Forwarded-For: wrong passwords sent with a made-up
  // address each time are still counted against this machine's, and it gets locked out (429)
  const statuses: number[] = [];
  for (let i = 0; i < 8 && !statuses.includes(429); i++) {
    const r = await viaNginx("/api/admin/login", { method: "POST", headers: { [CSRF_HEADER]: CSRF_VALUE, "x-forwarded-for": `203.0.113.${i + 1}` }, body: JSON.stringify({ password: "wrong" }) });
    statuses.push(r.status);
  }
  expect(statuses, "statuses of the wrong-password logins").toContain(429);
});
