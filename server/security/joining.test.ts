/**
 * Item 2 of issue 10: joins are limited per address and per room (429 saying when to retry), and room
 * codes are long enough that guessing a live one at the allowed rate is hopeless (docs/security.md).
 */
import { describe, expect, it } from "vitest";
import { appOnPort } from "../testing/app-on-port";
import { adminCookie, api } from "../testing/harness";
import { createHttpLimits, JOIN_RATE, type HttpLimits } from "./limits";
import { normalizeRoomCode, randomRoomCode, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from "./room-code";
import { createSession, messageOf, raw } from "./testing";
import { TokenBuckets } from "./token-bucket";

const server = appOnPort();

async function start(): Promise<string> {
  return (await startWithLimits()).base;
}

async function startWithLimits() {
  // time stands still for the limits: a slow machine must not refill the buckets mid-test
  const limits = createHttpLimits(() => 0);
  return { base: (await server.start({ security: { trustProxy: true }, httpLimits: limits })).base, limits };
}

/** Spends a room's join allowance down to `left` joins (as earlier joins that took seats would have). */
function spendRoom(limits: HttpLimits, code: string, left: number) {
  while (limits.joinsPerRoom.take(code));
  for (let i = 0; i < left; i++) limits.joinsPerRoom.giveBack(code);
}

const joinFrom = (base: string, from: string, b: object) =>
  raw(base, "/api/join", { headers: { "content-type": "application/json", "x-forwarded-for": from }, body: JSON.stringify(b) });

const join = (base: string, code: string, label: string, from: string) =>
  raw(base, "/api/join", { headers: { "content-type": "application/json", "x-forwarded-for": from }, body: JSON.stringify({ code, label }) });

describe("token buckets", () => {
  it("allow a burst, then the refill rate, and say how long to wait", () => {
    let now = 0;
    const b = new TokenBuckets({ burst: 3, perSecond: 0.5 }, () => now);
    for (let i = 0; i < 3; i++) expect(b.take("x")).toBe(true);
    expect(b.take("x")).toBe(false);
    expect(b.waitSeconds("x")).toBe(2);
    expect(b.take("y")).toBe(true);
    now += 1000;
    expect(b.waitSeconds("x")).toBe(1);
    now += 1000;
    expect(b.take("x")).toBe(true);
    expect(b.take("x")).toBe(false);
  });
});

describe("room codes", () => {
  it("are 8 characters from an alphabet without look-alikes, and typed codes are normalised", () => {
    expect(ROOM_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    const codes = new Set(Array.from({ length: 2000 }, () => randomRoomCode()));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(new RegExp(`^[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_LENGTH}}$`));
    expect(normalizeRoomCode(" abcd-efgh ")).toBe("ABCDEFGH");
    expect(normalizeRoomCode("ab cd ef gh")).toBe("ABCDEFGH");
  });
});

describe("joining over HTTP", () => {
  it("a new session gets an 8-character code that can be typed in lower case with a dash", async () => {
    const base = await start();
    const s = await createSession(base, await adminCookie(base));
    expect(s.code).toMatch(/^[A-Z2-9]{8}$/);
    const typed = `${s.code.slice(0, 4).toLowerCase()}-${s.code.slice(4).toLowerCase()}`;
    const r = await join(base, typed, "Table 1", "10.0.0.1");
    expect(r.status).toBe(200);
    expect((r.json as { token: string }).token).toMatch(/^[\w-]{24}$/);
  });

  it("limits join attempts per address with a 429 saying when to retry; other addresses still join", async () => {
    const base = await start();
    const s = await createSession(base, await adminCookie(base));
    const statuses: number[] = [];
    for (let i = 0; i < JOIN_RATE.perAddress.burst; i++) statuses.push((await join(base, "WRONGCODE", "x", "10.0.0.9")).status);
    expect(statuses.every((x) => x === 404)).toBe(true);
    const limited = await join(base, s.code, "guesser", "10.0.0.9");
    expect(limited.status).toBe(429);
    expect(messageOf(limited.json)).toMatch(/Too many join attempts.*wait 1 s/);
    expect(limited.headers["retry-after"]).toBe("1");
    expect((await join(base, s.code, "Table 2", "10.0.0.10")).status).toBe(200);
  }, 60_000);

  it("the join page's room lookup cannot scan: once an address has spent its allowance on wrong codes, a live code answers 429 too", async () => {
    const base = await start();
    const s = await createSession(base, await adminCookie(base));
    const lookup = (code: string, from: string) => raw(base, `/api/rooms/${encodeURIComponent(code)}/language`, { headers: { "x-forwarded-for": from } });
    // a live code costs nothing while the address has allowance left (a class behind one address)
    for (let i = 0; i < JOIN_RATE.perAddress.burst + 5; i++) expect((await lookup(s.code, "10.5.0.1")).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < JOIN_RATE.perAddress.burst + 5; i++) statuses.push((await lookup(`WRONG${String(i).padStart(3, "2")}`, "10.5.0.2")).status);
    expect(statuses.slice(0, JOIN_RATE.perAddress.burst).every((x) => x === 404)).toBe(true);
    expect(statuses.slice(JOIN_RATE.perAddress.burst).every((x) => x === 429)).toBe(true);
    const hit = await lookup(s.code, "10.5.0.2");
    expect(hit.status).toBe(429);
    expect(hit.text).not.toContain(s.code);
    expect(messageOf(hit.json)).toMatch(/Too many join attempts/);
    expect((await lookup(s.code.toLowerCase(), "10.5.0.2")).status).toBe(429);
    // another address still finds the room
    expect((await lookup(s.code, "10.5.0.3")).status).toBe(200);
  }, 60_000);

  it("limits joins per room code that take a seat", async () => {
    const { base, limits } = await startWithLimits();
    const s = await createSession(base, await adminCookie(base));
    spendRoom(limits, s.code, 2);
    expect((await join(base, s.code, "p0", "10.0.0.1")).status).toBe(200);
    expect((await join(base, s.code, "p1", "10.0.0.2")).status).toBe(200);
    const limited = await join(base, s.code, "p2", "10.2.0.1");
    expect(limited.status).toBe(429);
    expect(messageOf(limited.json)).toMatch(/Many people are joining this room.*wait 1 s/);
    // another room is not affected
    const other = await createSession(base, await adminCookie(base));
    expect((await join(base, other.code, "p0", "10.2.0.1")).status).toBe(200);
  }, 60_000);

  it("joins that change nothing do not use up the room's allowance: a seat's own link coming back, from many addresses, keeps nobody out", async () => {
    const { base, limits } = await startWithLimits();
    const s = await createSession(base, await adminCookie(base));
    const mine = await join(base, s.code, "Mallory", "10.0.0.1");
    expect(mine.status).toBe(200);
    const { token } = mine.json as { token: string };
    const panel = { PROLIFIC_PID: "5f00000000000000000000b1", SESSION_ID: "s1" };
    const first = await joinFrom(base, "10.0.0.2", { code: s.code, query: panel });
    expect(first.status).toBe(200);
    const panelToken = (first.json as { token: string }).token;
    spendRoom(limits, s.code, 1);
    // the attack of review B2: the same join with the seat's own link, again and again from ever new addresses;
    // and a panel link with the same panel session (the seat's own browser, or a second tab), again and again
    const statuses = new Set<number>();
    for (let i = 0; i < JOIN_RATE.perRoom.burst + 50; i++) {
      const r =
        i % 2
          ? await joinFrom(base, `10.1.${i >> 8}.${i & 255}`, { code: s.code, label: "Mallory", resume: token })
          : await joinFrom(base, `10.1.${i >> 8}.${i & 255}`, { code: s.code, query: panel, ...(i % 4 ? {} : { resume: panelToken }) });
      statuses.add(r.status);
      expect(r.json).toEqual({ ok: true, token: i % 2 ? token : panelToken }); // the link it has, nothing else
    }
    expect([...statuses]).toEqual([200]);
    // the one join left is a newcomer's, and it takes a seat
    expect((await join(base, s.code, "Student", "10.4.0.1")).status).toBe(200);
    expect((await join(base, s.code, "Student 2", "10.4.0.2")).status).toBe(429);
  }, 60_000);

  it("refused joins do not use up the room's allowance: a stream of them from many addresses keeps nobody out", async () => {
    const base = await start();
    const s = await createSession(base, await adminCookie(base));
    expect((await join(base, s.code, "Taken", "10.0.0.1")).status).toBe(200);
    const statuses = new Set<number>();
    for (let i = 0; i < JOIN_RATE.perRoom.burst + 50; i++)
      statuses.add((await join(base, s.code, i % 2 ? "-" : "taken", `10.3.${i >> 8}.${i & 255}`)).status); // not a label; a label in use
    expect([...statuses].sort()).toEqual([400, 409]);
    expect((await join(base, s.code, "Table 2", "10.4.0.1")).status).toBe(200);
  }, 60_000);

  it("the old 5-character codes of existing sessions keep working", async () => {
    const base = await start();
    const s = await createSession(base, await adminCookie(base));
    await server.app.db.session.update({ where: { id: s.id }, data: { code: "ABCDE" } });
    expect((await join(base, "abcde", "Table 1", "10.0.0.1")).status).toBe(200);
    expect((await api(base, "/api/health")).status).toBe(200);
  });
});
