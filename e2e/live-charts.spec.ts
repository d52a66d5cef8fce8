/**
 * Live charts on the monitor and the projector, for every game: a session of bots (that play the
 * theory, so the played line must land on the theory's) runs to the end while the monitor and the
 * projector are open; each chart's DATA is checked — the series names, one point per round, values —
 * read from the chart element (`data-chart`) and from the Vega view that drew it (`data-rendered`),
 * never from pixels. With MECHLAB_SCREENSHOTS=1 the monitor's charts and the projector are saved as
 * docs/games/<game>-charts.png and docs/games/<game>-projector.png. Then both screens are narrowed to a
 * phone's 390 px: no chart overflows its box or the screen.
 */
import { expect, test, type Page } from "@playwright/test";
import { botsEverywhere, chartData, chartsFitPhone, createPatched, openProjector, settled, type ChartData } from "./chart-steps";

const SHOTS = process.env.MECHLAB_SCREENSHOTS === "1";

const names = (c: ChartData) => c.series.map((s) => s.name);
const ys = (c: ChartData, name: string) => c.series.find((s) => s.name === name)!.points.map((p) => p.y);
const xs = (c: ChartData, name: string) => c.series.find((s) => s.name === name)!.points.map((p) => p.x);
const rounds = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const close = (a: (number | null)[], b: (number | null)[]) => {
  expect(a).toHaveLength(b.length);
  a.forEach((v, i) => expect(v!).toBeCloseTo(b[i]!, 6));
};

/** Wait until every seat finished (the monitor shows "done" for each). */
async function allDone(admin: Page, seats: number) {
  for (let seat = 0; seat < seats; seat++) await expect(admin.getByTestId(`monitor-row-${seat}`)).toContainText("done", { timeout: 90_000 });
}

async function screenshotsThenPhone(game: string, admin: Page, projector: Page) {
  if (SHOTS) {
    await admin.getByTestId("charts").screenshot({ path: `docs/games/${game}-charts.png` });
    await projector.screenshot({ path: `docs/games/${game}-projector.png`, fullPage: true });
  }
  // then both screens on a phone: every chart takes the screen's width, without reload
  await chartsFitPhone(admin);
  expect(await chartsFitPhone(projector)).toBeGreaterThanOrEqual(3);
}

/** Both screens show the same series and points (the projector without bands over fewer than 5 values). */
async function sameOnProjector(projector: Page, admin: Page, ids: string[]) {
  const plain = (c: ChartData) => c.series.map((s) => ({ name: s.name, role: s.role, points: s.points.map((p) => [p.x, p.y, p.n ?? null]) }));
  for (const id of ids) {
    const room = await chartData(projector, id);
    expect(plain(room)).toEqual(plain(await chartData(admin, id)));
    for (const p of room.series.flatMap((s) => s.points)) if ((p.n ?? 0) < 5) expect(p.lo).toBeUndefined();
  }
}

test("ids-pivotal: truthful bots join and report truthfully; taxes and budget meet the truthful benchmark", async ({ browser }) => {
  const admin = await createPatched(browser, "ids-pivotal-full-4.json", botsEverywhere("truthful", 4));
  const projector = await openProjector(admin);
  await allDone(admin, 4);
  const R = 3;
  await settled([admin, projector], "ids-pivotal/rates", R);
  const rates = await chartData(admin, "ids-pivotal/rates");
  expect(names(rates)).toEqual(["joined", "reported truthfully", "theory: joins (VP)", "theory: truthful"]);
  expect(xs(rates, "joined")).toEqual(rounds(R));
  expect(ys(rates, "joined")).toEqual([1, 1, 1]);
  expect(ys(rates, "reported truthfully")).toEqual([1, 1, 1]);
  const taxes = await chartData(admin, "ids-pivotal/taxes");
  expect(names(taxes)).toEqual(["tax paid", "theory: truthful tax"]);
  close(ys(taxes, "tax paid"), ys(taxes, "theory: truthful tax"));
  const budget = await chartData(admin, "ids-pivotal/budget");
  expect(names(budget)).toEqual(["budget", "theory: truthful budget"]);
  close(ys(budget, "budget"), ys(budget, "theory: truthful budget"));
  await sameOnProjector(projector, admin, ["ids-pivotal/rates", "ids-pivotal/taxes", "ids-pivotal/budget"]);
  await expect(projector.getByTestId("debrief")).toContainText("reported truthfully");
  // a pilot with bots only: the bots are ranked, marked, and the board says why
  await expect(projector.getByTestId("leaderboard-pilot")).toContainText("A pilot with bots only");
  await expect(projector.getByTestId("leaderboard").locator("li")).toHaveCount(4);
  await expect(projector.getByTestId("leaderboard").locator("li").first()).toContainText("(bot)");
  await screenshotsThenPhone("ids-pivotal", admin, projector);
});

test("ids-externality: equilibrium bots send the equilibrium message; x̂ = x*, distance and budget 0", async ({ browser }) => {
  const admin = await createPatched(browser, "ids-externality-4.json", (t) => {
    botsEverywhere("equilibrium", 4)(t);
    (t.params as Record<string, unknown>).rounds = 4;
  });
  const projector = await openProjector(admin);
  await allDone(admin, 4);
  await settled([admin, projector], "ids-externality/distance", 4);
  const m = await chartData(admin, "ids-externality/messages");
  expect(names(m)).toEqual([1, 2, 3, 4].flatMap((u) => [`user ${u}: x̂`, `user ${u}: equilibrium`]));
  for (const u of [1, 2, 3, 4]) close(ys(m, `user ${u}: x̂`), ys(m, `user ${u}: equilibrium`));
  const d = await chartData(admin, "ids-externality/distance");
  expect(names(d)).toEqual(["‖x̂ − x*‖", "proposal spread", "equilibrium"]);
  expect(xs(d, "‖x̂ − x*‖")).toEqual(rounds(4));
  close(ys(d, "‖x̂ − x*‖"), [0, 0, 0, 0]);
  const b = await chartData(admin, "ids-externality/budget");
  expect(names(b)).toEqual(["budget", "theory: balanced"]);
  close(ys(b, "budget"), [0, 0, 0, 0]);
  await sameOnProjector(projector, admin, ["ids-externality/messages", "ids-externality/distance", "ids-externality/budget"]);
  await screenshotsThenPhone("ids-externality", admin, projector);
});

test("ssg-defense: followers follow every recommendation; coverage, attacks and welfare against NSE and CSW-Max", async ({ browser }) => {
  const admin = await createPatched(browser, "ssg-defense-recommendation.json", botsEverywhere("follower", 3));
  const projector = await openProjector(admin);
  await allDone(admin, 3);
  await settled([admin, projector], "ssg-defense/welfare", 3);
  const cov = await chartData(admin, "ssg-defense/coverage");
  expect(names(cov)).toEqual(["played", "NSE", "CSW-Max"]);
  const targets = xs(cov, "NSE");
  expect(targets.length).toBeGreaterThanOrEqual(2);
  expect(xs(cov, "played")).toEqual(targets);
  for (const y of [...ys(cov, "played"), ...ys(cov, "NSE"), ...ys(cov, "CSW-Max")]) expect(y).toBeGreaterThanOrEqual(0), expect(y).toBeLessThanOrEqual(1);
  const att = await chartData(admin, "ssg-defense/attacked");
  expect(names(att)).toEqual(["attacked", "NSE", "CSW-Max"]);
  expect(ys(att, "attacked").reduce((s, v) => s! + v!, 0)).toBeCloseTo(1, 9); // shares of the group rounds
  expect(ys(att, "CSW-Max").filter((v) => v === 1)).toHaveLength(1); // one attacked target in theory
  const w = await chartData(admin, "ssg-defense/welfare");
  expect(names(w)).toEqual(["played", "CSW-Max", "NSE"]);
  expect(xs(w, "played")).toEqual(rounds(3));
  const f = await chartData(admin, "ssg-defense/compliance");
  expect(names(f)[0]).toBe("followed recommendation");
  expect(ys(f, "followed recommendation")).toEqual([1, 1, 1]);
  await sameOnProjector(projector, admin, ["ssg-defense/coverage", "ssg-defense/attacked", "ssg-defense/welfare", "ssg-defense/compliance"]);
  await screenshotsThenPhone("ssg-defense", admin, projector);
});

test("cip-contracts: truthful CIs take their own contract; rejections, exclusions and the CC's utility against the menu and the equal split", async ({ browser }) => {
  const admin = await createPatched(browser, "cip-contracts-menu-4.json", (t) => {
    botsEverywhere("truthful", 4)(t);
    (t.params as Record<string, unknown>).rounds = 3;
  });
  const projector = await openProjector(admin);
  await allDone(admin, 4);
  await settled([admin, projector], "cip-contracts/rejections", 3);
  const byType = await chartData(admin, "cip-contracts/contract-by-type");
  const K = xs(byType, "rejected").length;
  expect(names(byType)).toEqual([...rounds(K).map((k) => `contract for type ${k}`), "rejected", "excluded / not offered"]);
  for (let k = 0; k < K; k++) {
    const own = byType.series[k]!.points[k]!;
    if ((own.n ?? 0) > 0) expect(own.y).toBe(1); // every CI of type k that took part took contract k
  }
  const ic = await chartData(admin, "cip-contracts/ic-rate");
  expect(names(ic)).toEqual(["own contract", "best response (ex post)", "theory: own contract (IC)"]);
  expect(ys(ic, "own contract")).toEqual([1, 1, 1]);
  const rej = await chartData(admin, "cip-contracts/rejections");
  expect(names(rej)).toEqual(["rejected", "excluded at the start", "excluded at the end"]);
  expect(ys(rej, "rejected")).toEqual([0, 0, 0]);
  const u = await chartData(admin, "cip-contracts/cc-utility");
  expect(names(u)).toEqual(["played", "optimal menu", "equal split"]);
  close(ys(u, "played"), ys(u, "optimal menu")); // everyone takes the own contract: the optimal menu's utility
  // the projector shows the by-type chart only now that the session is over
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-stage", "after");
  await sameOnProjector(projector, admin, ["cip-contracts/contract-by-type", "cip-contracts/ic-rate", "cip-contracts/rejections", "cip-contracts/cc-utility"]);
  await screenshotsThenPhone("cip-contracts", admin, projector);
});
