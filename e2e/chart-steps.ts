/** Steps for the chart and projector browser tests: patched treatments, the projector tab, chart data. */
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, openSession } from "./steps";

export interface ChartData {
  id: string;
  series: { name: string; role: "played" | "theory"; points: { x: number | string; y: number | null; lo?: number | null; hi?: number | null; n?: number }[] }[];
}

/** Log in, load an example treatment, change it (e.g. bots in every seat), create and open the session. */
export async function createPatched(browser: Browser, file: string, patch: (t: Record<string, unknown>) => void, opts: { open?: boolean } = {}) {
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
  if (opts.open !== false) await openSession(admin);
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

/**
 * On a phone (390 px wide, the page resized without reload) every chart drawn on the page fits: its
 * drawing is no wider than its box, its box does not scroll sideways, and box and legend end inside the
 * screen. Returns how many charts were checked.
 */
export async function chartsFitPhone(page: Page): Promise<number> {
  const width = 390;
  await page.setViewportSize({ width, height: 844 });
  const charts = page.locator("figure.chart");
  const count = await charts.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const chart = charts.nth(i);
    await chart.scrollIntoViewIfNeeded();
    await expect
      .poll(() =>
        chart.evaluate((fig, screen) => {
          const canvas = fig.querySelector(".chart-canvas")!;
          const svg = canvas.querySelector("svg");
          const legend = fig.querySelector(".chart-legend");
          const box = canvas.getBoundingClientRect();
          const problems: string[] = [];
          if (!svg) problems.push("not drawn");
          else if (svg.getBoundingClientRect().width > box.width + 1) problems.push(`drawing ${svg.getBoundingClientRect().width}px in a ${box.width}px box`);
          for (const el of [fig, canvas]) if (el.scrollWidth > el.clientWidth + 1) problems.push(`${el.className} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
          for (const el of [fig, canvas, legend]) if (el && el.getBoundingClientRect().right > screen + 1) problems.push(`${el.className} ends at ${el.getBoundingClientRect().right}px`);
          return problems.join("; ") || "fits";
        }, width),
      )
      .toBe("fits");
  }
  return count;
}
