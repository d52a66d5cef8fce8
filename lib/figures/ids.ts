/**
 * The IDS paper's examples as figures (Naghizadeh & Liu, §II-C Examples 1–2, §III, §IV-C Example 4),
 * computed with the project's own mechanism core (lib/mechanisms/ids): the budget of the Pivotal
 * mechanism (eq. 6 and the full-information variant of eq. 9) and of the Externality mechanism, and
 * the share of users who participate voluntarily, as the number of users N and the cost spread vary.
 *
 * Family (the paper's examples): total-effort model, f_i(x) = exp(−Σ_j x_j), h_i(x_i) = c_i x_i, with
 * c_1 < c_2 < … < c_N spread geometrically from c_1 to c_N, the relative spread d = (c_N − c_1)/c_1:
 * c_i = c_N · (1 + d)^{−(N−i)/(N−1)}.
 * The paper's closed-form bounds and conditions are drawn where the example's premise holds; elsewhere
 * they are empty (null in the CSV).
 */
import { idsReport, type IdsInstance } from "../mechanisms/ids";
import { sweep, tidy, type Figure, type FigureRow } from "./figure";

/** Unit costs c_i = cMax · (1 + spread)^{−(N−i)/(N−1)}, i = 1…N: c_N = cMax, (c_N − c_1)/c_1 = spread. */
export function spreadCosts(n: number, cMax: number, spread: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? cMax : cMax * Math.pow(1 + spread, -(n - 1 - i) / (n - 1))));
}

/** The total-effort instance of Examples 1, 2 and 4 with the given unit costs. */
export function totalEffortInstance(c: readonly number[]): IdsInstance {
  const n = c.length;
  return { alpha: Array<number>(n).fill(1), W: Array.from({ length: n }, () => Array<number>(n).fill(1)), c: [...c] };
}

/** Example 2's premise c_2/(N−1) < c_1 < c_2 < N−1 (needs N ≥ 3). */
export function example2Premise(c: readonly number[]): boolean {
  const n = c.length;
  const [c1, c2] = [c[0], c[1]];
  return n >= 3 && c1 !== undefined && c2 !== undefined && c2 / (n - 1) < c1 && c1 < c2 && c2 < n - 1;
}

/** Eq. (5): under Example 2's premise every mechanism with VP collects at most c_1(1 − log(N/c_1)). */
export function example2Bound(c: readonly number[]): number | null {
  const c1 = c[0];
  return example2Premise(c) && c1 !== undefined ? c1 * (1 - Math.log(c.length / c1)) : null;
}

/**
 * Example 4 (Externality mechanism): under the premise c_2/(N−1) < c_1 < c_2 < N−1 everyone
 * participates iff c_1 > N·exp(−1/(N−1)); null outside the premise.
 */
export function example4AllParticipate(c: readonly number[]): boolean | null {
  const n = c.length;
  const c1 = c[0];
  if (!example2Premise(c) || c1 === undefined) return null;
  return c1 > n * Math.exp(-1 / (n - 1));
}

/** Defaults: c_N = 3, relative spread 0.05 for the N sweep; N = 4 for the spread sweep (the paper's N in Example 4's instance). */
export const IDS_FIGURES = { cMax: 3, spread: 0.05, users: 4, minUsers: 2, maxUsers: 20, minSpread: 0.005, maxSpread: 9 } as const;

const share = (flags: readonly boolean[]) => flags.filter(Boolean).length / Math.max(1, flags.length);

function row(xField: string, x: number, c: readonly number[]): FigureRow {
  const r = idsReport(totalEffortInstance(c));
  const all = example4AllParticipate(c);
  return {
    [xField]: x,
    pivotal_budget: r.pivotal.budget,
    pivotal_full_info_budget: r.pivotalFullInfo.budget,
    externality_budget: r.externality.budget,
    paper_bound_eq5: example2Bound(c),
    pivotal_participation: share(r.pivotal.participation),
    pivotal_full_info_participation: share(r.pivotalFullInfo.participation),
    externality_participation: share(r.externality.participation),
    paper_example4_participation: all === null ? null : all ? 1 : 0,
    users: c.length,
    c_1: c[0] ?? null,
    c_2: c[1] ?? null,
    c_N: c[c.length - 1] ?? null,
    social_cost: r.socialOptimum.cost,
    main_investors: r.mainInvestors.length,
  };
}

const BUDGET_SERIES = [
  { field: "pivotal_budget", label: "Pivotal, incomplete information (eq. 6)" },
  { field: "pivotal_full_info_budget", label: "Pivotal, full information (eq. 9)" },
  { field: "externality_budget", label: "Externality (eq. 11)" },
  { field: "paper_bound_eq5", label: "paper: bound (5) for any VP mechanism", dashed: true },
];

const VP_SERIES = [
  { field: "pivotal_participation", label: "Pivotal, incomplete information (eq. 6)" },
  { field: "pivotal_full_info_participation", label: "Pivotal, full information (eq. 9)" },
  { field: "externality_participation", label: "Externality (eq. 11)" },
  { field: "paper_example4_participation", label: "paper: Example 4 condition (1 = all, 0 = not all)", dashed: true },
];

function usersRows(): FigureRow[] {
  const { cMax, spread, minUsers, maxUsers } = IDS_FIGURES;
  const out: FigureRow[] = [];
  for (let n = minUsers; n <= maxUsers; n++) out.push(row("users", n, spreadCosts(n, cMax, spread)));
  return out;
}

function spreadRows(): FigureRow[] {
  const { cMax, users, minSpread, maxSpread } = IDS_FIGURES;
  return sweep(minSpread, maxSpread, 30, "log").map((s) => row("cost_spread", tidy(s), spreadCosts(users, cMax, tidy(s))));
}

const family = (what: string) =>
  `Total-effort model (Examples 1, 2, 4): f_i = exp(−Σ x_j), h_i = c_i x_i, unit costs spread geometrically from c_1 to c_N = ${IDS_FIGURES.cMax} with relative spread d = (c_N − c_1)/c_1; ${what}.`;

/** Every IDS figure for the docs and `mechlab figures ids`. */
export function idsPaperFigures(): Figure[] {
  const byUsers = usersRows();
  const bySpread = spreadRows();
  const users = { field: "users", title: "number of users N" } as const;
  const spread = { field: "cost_spread", title: "relative cost spread d = (c_N − c_1) / c_1", scale: "log" } as const;
  return [
    {
      id: "ids-budget-vs-users",
      title: "Budget Σ t_i as the number of users grows",
      caption: family(`spread d = ${IDS_FIGURES.spread}, N = ${IDS_FIGURES.minUsers}…${IDS_FIGURES.maxUsers}. Negative = deficit. The paper's bound (5) is drawn where Example 2's premise c_2/(N−1) < c_1 < c_2 < N−1 holds`),
      x: users,
      y: { title: "budget Σ t_i (negative = deficit)" },
      mark: "line",
      series: BUDGET_SERIES,
      rows: byUsers,
    },
    {
      id: "ids-budget-vs-cost-spread",
      title: "Budget Σ t_i as the cost spread grows",
      caption: family(`N = ${IDS_FIGURES.users}, d = ${IDS_FIGURES.minSpread}…${IDS_FIGURES.maxSpread} (log scale)`),
      x: spread,
      y: { title: "budget Σ t_i (negative = deficit)" },
      mark: "line",
      series: BUDGET_SERIES,
      rows: bySpread,
    },
    {
      id: "ids-participation-vs-users",
      title: "Voluntary participation as the number of users grows",
      caption: family(`spread d = ${IDS_FIGURES.spread}. Share of users whose cost inside the mechanism is at most their cost when opting out alone`),
      x: users,
      y: { title: "share of users participating", zero: true },
      mark: "line",
      series: VP_SERIES,
      rows: byUsers,
    },
    {
      id: "ids-participation-vs-cost-spread",
      title: "Voluntary participation as the cost spread grows",
      caption: family(`N = ${IDS_FIGURES.users}. Share of users whose cost inside the mechanism is at most their cost when opting out alone`),
      x: spread,
      y: { title: "share of users participating", zero: true },
      mark: "line",
      series: VP_SERIES,
      rows: bySpread,
    },
  ];
}
