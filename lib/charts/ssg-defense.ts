/**
 * Charts of the multi-defender security game (Gan et al.): combined coverage per target against the
 * certified NSE (Definition 2.1) and CSW-Max (§4.1) of the true game, the attacked target, welfare
 * against CSW-Max per round, and the recommendation follow rate (with truthful reports and joining
 * where the treatment has them). The benchmarks are the memoised solves of the treatment's true
 * payoffs (lib/games/ssg-defense/benchmarks.ts), the same the rounds record (group welfare_nse,
 * welfare_cswmax).
 */
import { trueGame } from "../games/ssg-defense/benchmarks";
import { hasReports, targetNames, type SsgParams } from "../games/ssg-defense/params";
import { translatorFor } from "../i18n/translate";
import { CHART_PALETTE } from "./palette";
import type { Chart, ChartInput, ChartSeries } from "./types";
import { byRound, flags, meanPoint, numberArray, numbers, playersOf, ratePoint, summary } from "./stats";

type In = ChartInput<SsgParams>;

/**
 * The benchmarks' fixed colours, the same in every chart (coverage, attacked target, welfare) whatever
 * the order of their series; the played series take the palette's first free colour (blue).
 */
const NSE = { name: "NSE", color: CHART_PALETTE[1] } as const;
const CSW_MAX = { name: "CSW-Max", color: CHART_PALETTE[2] } as const;

export function ssgCoverageChart(input: In): Chart {
  const t = translatorFor(input.locale);
  const names = targetNames(input.params);
  const tg = trueGame(input.params);
  const rounds = byRound(input.rounds);
  const last = rounds[rounds.length - 1];
  const covs = (last?.[1] ?? []).map((g) => numberArray(g.group.coverage)).filter((c): c is number[] => c !== null);
  return {
    id: "ssg-defense/coverage",
    title: last ? t("charts.ssg.coverage.title", { round: last[0] }) : t("charts.ssg.coverage.titleNoRound"),
    description: t("charts.ssg.coverage.description"),
    descriptionPlayed: t("charts.ssg.coverage.descriptionPlayed"),
    kind: "categories",
    x: { title: t("charts.ssg.coverage.x"), categories: names },
    y: { title: t("charts.ssg.coverage.y"), share: true },
    spread: t("charts.spread.groups"),
    series: [
      { name: t("charts.series.played"), role: "played", points: last ? names.map((n, k) => summary(n, covs.map((c) => c[k] ?? 0))) : [] },
      { ...NSE, role: "theory", points: names.map((n, k) => ({ x: n, y: tg.nse.coverage[k] ?? null })) },
      { ...CSW_MAX, role: "theory", points: names.map((n, k) => ({ x: n, y: tg.cswMax.coverage[k] ?? null })) },
    ],
  };
}

export function ssgAttackedChart(input: In): Chart {
  const t = translatorFor(input.locale);
  const names = targetNames(input.params);
  const tg = trueGame(input.params);
  const attacked = numbers(input.rounds, (g) => g.group.attacked_target);
  const share = (t: number) => (attacked.length === 0 ? null : attacked.filter((a) => a === t).length / attacked.length);
  return {
    id: "ssg-defense/attacked",
    title: t("charts.ssg.attacked.title"),
    description: t("charts.ssg.attacked.description"),
    descriptionPlayed: t("charts.ssg.attacked.descriptionPlayed"),
    kind: "categories",
    x: { title: t("charts.ssg.coverage.x"), categories: names },
    y: { title: t("charts.ssg.attacked.y"), share: true },
    series: [
      { name: t("charts.ssg.attacked.played"), role: "played", points: names.map((n, k) => ({ x: n, y: share(k), n: attacked.length })) },
      { ...NSE, role: "theory", points: names.map((n, k) => ({ x: n, y: tg.nse.target === k ? 1 : 0 })) },
      { ...CSW_MAX, role: "theory", points: names.map((n, k) => ({ x: n, y: tg.cswMax.target === k ? 1 : 0 })) },
    ],
  };
}

export function ssgWelfareChart(input: In): Chart {
  const t = translatorFor(input.locale);
  const rounds = byRound(input.rounds);
  return {
    id: "ssg-defense/welfare",
    title: t("charts.ssg.welfare.title"),
    description: t("charts.ssg.welfare.description"),
    descriptionPlayed: t("charts.ssg.welfare.descriptionPlayed"),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.ssg.welfare.y") },
    spread: t("charts.spread.groups"),
    series: [
      { name: t("charts.series.played"), role: "played", points: rounds.map(([r, rs]) => summary(r, numbers(rs, (g) => g.group.welfare))) },
      { ...CSW_MAX, role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.welfare_cswmax))) },
      { ...NSE, role: "theory", points: rounds.map(([r, rs]) => meanPoint(r, numbers(rs, (g) => g.group.welfare_nse))) },
    ],
  };
}

/** Recommendation follow rate (recommendation mode), truthful reports and joining where the treatment has them; null in uncoordinated play. */
export function ssgComplianceChart(input: In): Chart | null {
  const p = input.params;
  const t = translatorFor(input.locale);
  const recommend = p.mode === "recommendation";
  const reports = hasReports(p);
  if (!recommend && !reports && !p.joinPhase) return null;
  const rounds = byRound(input.rounds);
  const series: ChartSeries[] = [];
  if (recommend) {
    series.push({ name: t("charts.ssg.compliance.followed"), role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (x) => x.decision.followed))) });
    series.push({
      name: t("charts.ssg.compliance.theoryFollow"),
      role: "theory",
      points: rounds.map(([r, rs]) => ratePoint(r, flags(rs, (g) => g.group.rec_ir))),
    });
  }
  if (reports) series.push({ name: t("charts.ssg.compliance.truthful"), role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (x) => x.decision.report_truthful))) });
  if (p.joinPhase) series.push({ name: t("charts.ssg.compliance.joined"), role: "played", points: rounds.map(([r, rs]) => ratePoint(r, flags(playersOf(rs), (x) => x.decision.joined))) });
  return {
    id: "ssg-defense/compliance",
    title: recommend ? t("charts.ssg.compliance.titleRecommendation") : t("charts.ssg.compliance.titleReports"),
    description: recommend ? t("charts.ssg.compliance.descriptionRecommendation") : t("charts.ssg.compliance.descriptionReports"),
    ...(recommend ? { descriptionPlayed: t("charts.ssg.compliance.descriptionRecommendationPlayed") } : {}),
    kind: "rounds",
    x: { title: t("charts.axis.round") },
    y: { title: t("charts.ssg.compliance.y"), share: true },
    series,
  };
}

export function ssgDefenseCharts(input: In): Chart[] {
  const c = ssgComplianceChart(input);
  return [ssgCoverageChart(input), ssgAttackedChart(input), ssgWelfareChart(input), ...(c ? [c] : [])];
}

