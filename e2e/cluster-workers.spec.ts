/**
 * `WORKERS=2 npm start` with PostgreSQL + Redis (docs/deploy.md §3): two node:cluster workers on one port
 * serve the built pages (/, /join, /admin, the monitor, the projector, /p/<token>), the API and Socket.io.
 * Node's primary hands each new connection to the next worker, so the browsers' sockets land on both
 * (checked in /proc); a session created on one is played by three people to its end and exported.
 * Between the rounds one worker is killed (SIGKILL): the primary starts another and the people play on.
 * HTTP long-polling is refused in this mode (it would need sticky sessions): the browser speaks WebSocket.
 *
 * Needs MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL (.ci/run sets both); reports itself skipped otherwise.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { openProjector } from "./chart-steps";
import { ADMIN_PASSWORD, BASE_PORT, PG, REDIS, canSeeConnections, connectionsByProcess, freshDatabase, npmStart, type Started, type TestDatabase } from "./cluster-steps";
import { createSessionFromExample, invest, parseCsv, participantLinks, seatEveryone } from "./steps";

const PORT = BASE_PORT;
const DECISIONS = [
  ["1", "2", "3"],
  ["0.5", "1.5", "2.5"],
];

test.use({ baseURL: `http://127.0.0.1:${PORT}` });
test.describe.configure({ timeout: 300_000 });
test.skip(!PG || !REDIS, "skipped: set MECHLAB_TEST_PG_URL and MECHLAB_TEST_REDIS_URL to run WORKERS=2 with PostgreSQL + Redis");

let db: TestDatabase | null = null;
let server: Started | null = null;

test.beforeAll(async () => {
  db = await freshDatabase(PG!, "mechlab_e2e_workers");
  server = await npmStart(
    {
      WORKERS: "2",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: db.url,
      REDIS_URL: REDIS!,
      MECHLAB_REDIS_PREFIX: `mechlab-e2e-workers-${process.pid}:`,
      ADMIN_PASSWORD,
    },
    2,
  );
});

test.afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

test("WORKERS=2: pages, API and WebSocket on both workers; a worker killed mid-session is replaced; three people play to the end and it is exported", async ({ browser, request }) => {
  expect(new Set(server!.servers).size, server!.output()).toBe(2);

  // pages and the API, whichever worker gets the connection
  for (const path of ["/", "/join", "/admin"]) expect((await request.get(path)).status(), path).toBe(200);
  expect(await (await request.get("/api/health")).json()).toMatchObject({ ok: true });
  // long-polling would spread one Socket.IO connection over the workers: refused with a clear status
  const polling = await request.get("/socket.io/?EIO=4&transport=polling");
  expect(polling.status()).toBe(400);

  const { admin, sessionId } = await createSessionFromExample(browser, "ids-investment-3.json");
  const projector = await openProjector(admin);
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "before");
  const links = await participantLinks(admin, 3);

  const people = await seatEveryone(browser, admin, links, [1]);
  if (canSeeConnections) {
    // the browsers' connections (their WebSockets among them) are held by both workers
    await expect.poll(() => connectionsByProcess(PORT, server!.servers).every((n) => n > 0), { timeout: 15_000 }).toBe(true);
    console.log(`WORKERS=2: open connections per worker ${connectionsByProcess(PORT, server!.servers).join(" / ")}`);
  }

  for (const [r, xs] of DECISIONS.entries()) {
    if (r === 1) {
      // a worker dies (SIGKILL) between rounds: the primary starts another, the browsers that were on it
      // reconnect to a live one, and the session goes on (taken over from the database if it was the owner)
      const [victim] = server!.servers;
      if (canSeeConnections) expect(connectionsByProcess(PORT, [victim!])[0], "connections on the worker before the kill").toBeGreaterThan(0);
      process.kill(victim!, "SIGKILL");
      await expect.poll(() => server!.servers.length, { timeout: 90_000, message: "a new worker said ready" }).toBe(3);
      expect(server!.output()).toMatch(new RegExp(`worker ${victim} ended \\(SIGKILL\\); starting another`));
    }
    for (const p of people) await expect(p.getByTestId("round-number")).toHaveText(`${r + 1} of 2`);
    await expect(projector.getByTestId("projector-round")).toHaveText(`Round ${r + 1} of 2`);
    for (const [i, p] of people.entries()) await invest(p, xs[i]!);
    for (const [i, p] of people.entries()) {
      await expect(p.getByTestId("phase-results")).toBeVisible();
      await expect(p.getByTestId("my-x")).toHaveText(xs[i]!);
    }
    for (const p of people) await p.getByTestId("next-round").click();
  }
  for (const p of people) await expect(p.getByTestId("final-page")).toBeVisible();
  for (let seat = 0; seat < 3; seat++) await expect(admin.getByTestId(`monitor-row-${seat}`)).toContainText("done");

  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("download-csv").click()]);
  const [header, ...rows] = parseCsv(await readFile((await download.path())!, "utf8")).filter((r) => r.some((c) => c !== ""));
  const col = (name: string) => header!.indexOf(name);
  expect(rows).toHaveLength(3 * 2);
  for (const row of rows) {
    expect(row[col("session")]).toBe(sessionId);
    expect(Number(row[col("decision_x")])).toBeCloseTo(Number(DECISIONS[Number(row[col("round")]) - 1]![Number(row[col("seat")]) - 1]), 9);
  }
});
