/**
 * Live charts are recomputed when a round completes, at most every CHART_REFRESH_MS; in between the
 * last charts are served and marked stale, so the push timer asks again.
 */
import { describe, expect, it } from "vitest";
import type { SessionHost } from "../sessions/host";
import { CHART_REFRESH_MS, liveCharts, liveChartsStale } from "./live-charts";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { newSession } from "../../lib/testing/drive";
import type { SessionState } from "../../lib/engine";
import { idsTreatment } from "../testing/lab";

describe("live charts memo", () => {
  it("serves the same charts until a round completes, defers a recomputation within CHART_REFRESH_MS", () => {
    const lt = loadTreatment(idsTreatment(), games);
    if (!lt.ok) throw new Error(lt.errors.join());
    const roundHistory: SessionHost["roundHistory"] = {};
    const host = { lt: lt.value, state: newSession(lt.value).state, roundHistory } as unknown as SessionHost;
    const first = liveCharts(host, 0);
    expect(liveCharts(host, 10)).toBe(first);
    expect(liveChartsStale(host)).toBe(false);
    roundHistory.g1 = [{ round: 1, group: { total_cost: 5, so_cost: 4, nash_cost: 4.5 } }];
    expect(liveCharts(host, 20)).toBe(first); // too soon: the old charts, marked stale
    expect(liveChartsStale(host)).toBe(true);
    const next = liveCharts(host, CHART_REFRESH_MS);
    expect(next).not.toBe(first);
    expect(liveChartsStale(host)).toBe(false);
    expect(next.find((c) => c.id === "ids-investment/total-cost")!.series[0]!.points).toEqual([{ x: 1, y: 5, lo: 5, hi: 5, n: 1 }]);
  });

  it("the projector's language is built from the same rounds as the monitor's English, once per refresh", () => {
    const lt = loadTreatment(idsTreatment(), games);
    if (!lt.ok) throw new Error(lt.errors.join());
    const roundHistory: SessionHost["roundHistory"] = { g1: [{ round: 1, group: { total_cost: 5, so_cost: 4, nash_cost: 4.5 } }] };
    const host = { lt: lt.value, state: newSession(lt.value).state, roundHistory } as unknown as SessionHost;
    const en = liveCharts(host, 0);
    roundHistory.g1!.push({ round: 2, group: { total_cost: 6, so_cost: 4, nash_cost: 4.5 } });
    const de = liveCharts(host, 10, "de"); // too soon for a refresh: German of the same rounds as the English
    expect(liveCharts(host, 20, "de")).toBe(de);
    const cost = (cs: typeof en) => cs.find((c) => c.id === "ids-investment/total-cost")!;
    expect(cost(de).title).toBe("Gesamtkosten pro Gruppe");
    expect(cost(en).title).toBe("Total cost per group");
    expect(cost(de).series.map((s) => s.name)).toEqual(["gespielt", "Nash-Gleichgewicht", "soziales Optimum"]);
    expect(cost(de).series.map((s) => s.points)).toEqual(cost(en).series.map((s) => s.points));
    const later = liveCharts(host, CHART_REFRESH_MS, "de");
    expect(cost(later).series[0]!.points.map((p) => p.y)).toEqual([5, 6]);
    expect(liveCharts(host, CHART_REFRESH_MS + 1)).not.toBe(en); // English follows at the refresh
  });

  it("once the session is over, the charts are redone at once (no deferral): the last round always shows", () => {
    const lt = loadTreatment(idsTreatment(), games);
    if (!lt.ok) throw new Error(lt.errors.join());
    const roundHistory: SessionHost["roundHistory"] = {};
    const host = { lt: lt.value, state: newSession(lt.value).state, roundHistory } as unknown as SessionHost & { state: { status: string } };
    const first = liveCharts(host, 0);
    roundHistory.g1 = [{ round: 1, group: { total_cost: 5, so_cost: 4, nash_cost: 4.5 } }];
    expect(liveCharts(host, 10)).toBe(first); // still running: deferred
    host.state = { ...host.state, status: "ended" } as typeof host.state;
    const last = liveCharts(host, 20);
    expect(last).not.toBe(first);
    expect(liveChartsStale(host)).toBe(false);
    expect(last.find((c) => c.id === "ids-investment/total-cost")!.series[0]!.points.map((p) => p.y)).toEqual([5]);
  });

  it("once play is over (everyone answering the exit survey, the session still running), the charts are redone at once: the room's debrief never shows a round short of groups", () => {
    const lt = loadTreatment(idsTreatment(), games);
    if (!lt.ok) throw new Error(lt.errors.join());
    const roundHistory: SessionHost["roundHistory"] = { g1: [{ round: 1, group: { total_cost: 5, so_cost: 4, nash_cost: 4.5 } }] };
    const host = { lt: lt.value, state: newSession(lt.value).state, roundHistory } as unknown as SessionHost & { state: SessionState };
    const first = liveCharts(host, 0);
    roundHistory.g2 = [{ round: 1, group: { total_cost: 7, so_cost: 4, nash_cost: 4.5 } }];
    expect(liveCharts(host, 10)).toBe(first); // people still playing: deferred
    // every seat in the exit survey: play is over while the session runs on
    const real = host.state.participants;
    const inSurvey = <T extends { stage: string }>(p: T): T => ({ ...p, stage: "survey" });
    const participants = new Proxy(real, {
      get(t, k) {
        if (k === "get") return (id: string) => (t.get(id) ? inSurvey(t.get(id)!) : undefined);
        if (k === "toArray") return () => t.toArray().map(inSurvey);
        const v = Reflect.get(t, k) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    });
    host.state = { ...host.state, participants } as SessionState;
    expect(host.state.status).toBe("running");
    const last = liveCharts(host, 20);
    expect(last).not.toBe(first);
    expect(last.find((c) => c.id === "ids-investment/total-cost")!.series[0]!.points[0]!.n).toBe(2);
  });

  it("rounds that cannot be gathered are said on the log and stay stale, so the next refresh tries again", () => {
    const lt = loadTreatment(idsTreatment(), games);
    if (!lt.ok) throw new Error(lt.errors.join());
    const roundHistory: SessionHost["roundHistory"] = { g1: [{ round: 1, group: { total_cost: 5, so_cost: 4, nash_cost: 4.5 } }] };
    const good = newSession(lt.value).state;
    // gathering throws: every seat reads as still playing, with a round history that is not a list
    const broken = { ...good, participants: { get: () => ({ stage: "intro", history: 5 }), toArray: () => [{ stage: "intro", history: 5 }] } } as unknown as typeof good;
    const host = { lt: lt.value, state: broken, roundHistory } as unknown as SessionHost & { state: typeof good };
    const errors: string[] = [];
    const error = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      const charts = liveCharts(host, 0);
      expect(charts.find((c) => c.id === "ids-investment/total-cost")!.series[0]!.points).toEqual([]);
      expect(liveChartsStale(host)).toBe(true);
      liveCharts(host, 10);
      expect(errors).toHaveLength(1); // once per session, not per push
      expect(errors[0]).toMatch(/could not gather the rounds/);
    } finally {
      console.error = error;
    }
    host.state = good;
    expect(liveCharts(host, CHART_REFRESH_MS).find((c) => c.id === "ids-investment/total-cost")!.series[0]!.points.map((p) => p.y)).toEqual([5]);
    expect(liveChartsStale(host)).toBe(false);
  });
});
