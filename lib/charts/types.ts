/**
 * The chart data model shared by the live monitor, the projector, `mechlab figures` and the session
 * report: a chart is a few named series of points, played (aggregated over participants or groups) or
 * theory (what the mechanism computed for the same rounds). Plain JSON, so it travels in views and
 * files; rendering is elsewhere (lib/charts/specs builds Vega-Lite specs, app/components/charts draws).
 */
import type { Scalar } from "../core/game";
import type { Locale } from "../i18n/locales";

/** One completed round of one group, as the engine records it (RoundRow, PlayerRound rows). */
export interface ChartRound {
  groupId: string;
  round: number;
  /** The group record of the round (lib/games/<id>/records.ts, `group`). */
  group: Readonly<Record<string, Scalar>>;
  /** One entry per member: the decision and outcome records and the round's points. */
  players: readonly ChartPlayerRound[];
}

export interface ChartPlayerRound {
  decision: Readonly<Record<string, Scalar>>;
  outcome: Readonly<Record<string, Scalar>>;
  payoff: number;
}

/**
 * One point. Rounds charts: x is the round (1-based). Category charts: x is the category's name.
 * `lo`/`hi` bound the spread (see the chart's `spread`), `n` is how many values the point aggregates.
 */
export interface ChartPoint {
  x: number | string;
  y: number | null;
  lo?: number | null;
  hi?: number | null;
  n?: number;
}

/** played: what people did (aggregated); theory: the mechanism's benchmark for the same rounds. */
export type SeriesRole = "played" | "theory";

export interface ChartSeries {
  name: string;
  role: SeriesRole;
  /** Series with the same key share a colour (e.g. user 1's played and equilibrium lines); default: the name. */
  colorKey?: string;
  /**
   * A fixed colour (one of CHART_PALETTE, lib/charts/palette.ts) for a series drawn in several charts
   * (e.g. a benchmark such as the NSE), so it has the same colour in each; default: the next palette
   * colour no fixed series of the chart uses.
   */
  color?: string;
  points: ChartPoint[];
}

/**
 * rounds: a line per series over rounds (played with a spread band, theory dashed);
 * categories: grouped bars per category (played) with theory as marks;
 * stacked: bars per category stacked by series (shares that add up to 1).
 */
export type ChartKind = "rounds" | "categories" | "stacked";

export interface Chart {
  /** Stable id, e.g. "ids-investment/investment" (used by tests, files and the report). */
  id: string;
  title: string;
  /** One or two sentences that say what is drawn (also the chart's accessible description). */
  description: string;
  /**
   * For a chart with theory series: the description of its played series alone, the caption the room's
   * screen shows while the theory lines are held back (lib/charts/room.ts); never sent to the room itself.
   */
  descriptionPlayed?: string;
  kind: ChartKind;
  x: { title: string; categories?: string[] };
  y: { title: string; share?: boolean };
  /** What `lo`/`hi` of played points are, e.g. "10th–90th percentile over participants". */
  spread?: string;
  /**
   * The chart breaks results down by participants' private types (e.g. CIP's contract chosen per true
   * type): the projector shows it only after the session, when the types no longer matter for play.
   */
  byPrivateType?: boolean;
  series: ChartSeries[];
}

/** What a game's chart builder gets: its parsed parameters and the completed rounds so far. */
export interface ChartInput<P = unknown> {
  params: P;
  rounds: readonly ChartRound[];
  /**
   * The language of the charts' words (titles, descriptions, axis titles, series names; catalogue
   * section `charts`). Default English: the monitor, exports and figures; the projector passes the
   * treatment's language. The numbers never depend on it.
   */
  locale?: Locale;
}
