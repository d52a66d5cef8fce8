/** Steps for the chart and projector browser tests: patched treatments, the projector tab, chart data. */
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, openSession } from "./steps";

export interface ChartData {
  id: string;
  series: { name: string; role: "played" | "theory"; points: { x: number | string; y: number | null; lo?: number | null; hi?: number | null; n?: number }[] }[];
}

/** Log in, load an example treatment, change it (e.g. bots in every seat), create and open the session. */
export async function createPatched(browser: Browser, file: string, patch: (t: Record<string, unknown>) => void) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await ctx.newPage();
  await admin.goto("/admin");
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login").click();
  await admin.getByTestId("treatment-select").selectOption(file);
  await expect(admin.getByTestId("treatment-json")).toHaveValue(/"game":/);
  const t = JSON.parse(await admin.getByTestId("treatment-json").inputValue()) as Record<string, unknown>;
  patch(t);
  await admin.getByTestId("treatment-json").fill(JSON.stringify(t, null, 2));
  await admin.getByTestId("treatment-validate").click();
  await expect(admin.getByTestId("launch-check")).toBeVisible();
  await admin.getByTestId("session-create").click();
  await expect(admin).toHaveURL(/\/admin\/sessions\/[^/]+$/);
  await openSession(admin);
  return admin;
}

export const botsEverywhere = (strategy: string, seats: number, humans = 0) => (t: Record<string, unknown>) => {
  t.bots = { seats: Array.from({ length: seats - humans }, () => strategy), delayMs: 40 };
};

/** The projector page, opened from the monitor's button (a new tab with the admin's cookie). */
export async function openProjector(admin: Page): Promise<Page> {
  const [projector] = await Promise.all([admin.context().waitForEvent("page"), admin.getByTestId("open-projector").click()]);
  await projector.setViewportSize({ width: 1600, height: 1000 });
  await expect(projector.getByTestId("projector")).toBeVisible();
  return projector;
}

/** A chart's data once its Vega view holds exactly that data (series, x and y of every point). */
export async function chartData(scope: Page | Locator, id: string): Promise<ChartData> {
  const el = scope.getByTestId(`chart-${id}`);
  let data: ChartData | null = null;
  await expect
    .poll(async () => {
      const [chart, rendered] = await Promise.all([el.getAttribute("data-chart"), el.getAttribute("data-rendered")]);
      if (!chart || !rendered) return "not drawn yet";
      data = JSON.parse(chart) as ChartData;
      const want = data.series.flatMap((s) => s.points.map((p) => ({ series: s.name, x: p.x, y: p.y })));
      return JSON.stringify(JSON.parse(rendered)) === JSON.stringify(want) ? "drawn" : "view differs from data";
    })
    .toBe("drawn");
  return data!;
}


/** Wait until both screens' chart `id` has `rounds` points in its first series (the last round arrived). */
export async function settled(pages: Page[], id: string, rounds: number) {
  for (const page of pages)
    await expect.poll(async () => (await chartData(page, id)).series[0]!.points.length, { timeout: 20_000 }).toBe(rounds);
}
