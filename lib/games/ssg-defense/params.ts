/**
 * Treatment parameters of the multi-defender security game (Gan, Elkind, Kraus & Wooldridge 2020, §2):
 * the instance (attacker and defender payoffs, resources), the coordination mode and its options, and
 * the session's timing and pay. Sizes are capped so that a person can read the game (m ≤ 10 targets,
 * n ≤ 4 defenders). A treatment whose true game has no certified NSE is rejected here (superRefine),
 * so no session ever runs on an uncertified benchmark; see docs/games/ssg-defense.md "Validation".
 */
import { z } from "zod";
import { decimalDifference, EXHAUSTIVE_MAX_TARGETS, gapAtLeast, payoffRangeProblems, SSG_MIN_RELATIVE_GAP, type SsgInstance } from "../../mechanisms/ssg";
import { checkTrueGame } from "./benchmarks";
import { ALONGSIDE, independently, onceSound } from "../../core/refine-alongside";

export const SSG_GAME_MAX_TARGETS = 10;
export const SSG_GAME_MAX_DEFENDERS = 4;
/** Payoffs (true and reported) must lie in [−PAYOFF_BOUND, PAYOFF_BOUND]. */
export const PAYOFF_BOUND = 1000;
/**
 * Smallest reward − penalty gap of a payoff report, and of the true payoffs the mechanism runs on next
 * to reports. The solver needs every gap ≥ SSG_MIN_RELATIVE_GAP × the largest |payoff| of the reported
 * game (payoffRangeProblems), and any report may use payoffs up to ±PAYOFF_BOUND: a gap at least this
 * large is solvable whatever the others report.
 */
export const MIN_PAYOFF_GAP = SSG_MIN_RELATIVE_GAP * PAYOFF_BOUND;

const payoff = z.number().min(-PAYOFF_BOUND, `use payoffs from −${PAYOFF_BOUND} to ${PAYOFF_BOUND}`).max(PAYOFF_BOUND, `use payoffs from −${PAYOFF_BOUND} to ${PAYOFF_BOUND}`);
const payoffList = z
  .array(payoff)
  .min(2, "give at least 2 targets")
  .max(SSG_GAME_MAX_TARGETS, `use at most ${SSG_GAME_MAX_TARGETS} targets (people must be able to read the game)`);
const seconds = (min: number) => z.number().int().min(min).max(3600).nullable();

type Fields = {
  mode: "uncoordinated" | "coordinated" | "recommendation";
  mechanism: "cswMax" | "cswMaxNse" | "dictatorship";
  joinPhase: boolean;
  reports?: boolean | undefined;
  dictator?: number | undefined;
  targets?: string[] | undefined;
  attacker: { reward: number[]; penalty: number[] };
  defenders: { resources: number; reward: number[]; penalty: number[] }[];
};
type Ctx = z.RefinementCtx;
const issue = (ctx: Ctx, path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

/** One player's reward and penalty lists: one entry per target, and reward above penalty at every target. */
function payoffPair(ctx: Ctx, m: number, path: (string | number)[], r: readonly number[], q: readonly number[]) {
  if (r.length !== m) issue(ctx, [...path, "reward"], `must have ${m} entries (one per target, like attacker.reward), has ${r.length}`);
  if (q.length !== m) issue(ctx, [...path, "penalty"], `must have ${m} entries (one per target, like attacker.reward), has ${q.length}`);
  for (let t = 0; t < Math.min(r.length, q.length); t++)
    if (!((r[t] ?? 0) > (q[t] ?? 0))) issue(ctx, [...path, "reward", t], `must be greater than penalty[${t}] (a protected target is better than an unprotected one)`);
}

// Cross-field checks, each reading only what it needs, so that every independent problem is listed at once
// (refine-alongside.ts: a check that reads a field which failed its own rules is dropped alone).
const attackerPayoffs = (p: Fields, ctx: Ctx) => payoffPair(ctx, p.attacker.reward.length, ["attacker"], p.attacker.reward, p.attacker.penalty);
function defenderPayoffs(p: Fields, ctx: Ctx) {
  const m = p.attacker.reward.length;
  p.defenders.forEach((d, i) => {
    payoffPair(ctx, m, ["defenders", i], d.reward, d.penalty);
    if (d.resources > m) issue(ctx, ["defenders", i, "resources"], `at most ${m} (one unit per target is already full coverage)`);
  });
  if (p.defenders.every((d) => d.resources === 0)) issue(ctx, ["defenders"], "give at least one defender a resource");
}
function targetNames_(p: Fields, ctx: Ctx) {
  if (!p.targets) return;
  const m = p.attacker.reward.length;
  if (p.targets.length !== m) issue(ctx, ["targets"], `must name ${m} targets, names ${p.targets.length}`);
  if (new Set(p.targets).size !== p.targets.length) issue(ctx, ["targets"], "target names must be different");
}
function modeOptions(p: Fields, ctx: Ctx) {
  if (p.joinPhase && p.mode !== "coordinated") issue(ctx, ["joinPhase"], 'a join phase exists only in mode "coordinated"');
  if (p.joinPhase && p.mechanism === "cswMaxNse")
    issue(ctx, ["joinPhase"], 'CSW-Max-NSE needs the whole group\'s status quo: use mechanism "cswMax" or "dictatorship" with a join phase');
  if (p.reports === false && p.mode === "coordinated") issue(ctx, ["reports"], 'mode "coordinated" always collects payoff reports; remove "reports"');
  if (p.reports === true && p.mode === "uncoordinated") issue(ctx, ["reports"], 'mode "uncoordinated" has no mechanism to report to; remove "reports"');
  if (p.mode === "recommendation" && p.attacker.reward.length > EXHAUSTIVE_MAX_TARGETS)
    issue(ctx, ["attacker", "reward"], `mode "recommendation" allows at most ${EXHAUSTIVE_MAX_TARGETS} targets: each round's plan is checked for individual rationality (§5) by an exhaustive search over the attacker's best responses, which is limited to ${EXHAUSTIVE_MAX_TARGETS} targets`);
}
function dictatorChoice(p: Fields, ctx: Ctx) {
  if (p.dictator === undefined) return;
  if (p.mechanism !== "dictatorship") issue(ctx, ["dictator"], 'only used with mechanism "dictatorship"');
  if (p.dictator >= p.defenders.length) issue(ctx, ["dictator"], `a defender index from 0 to ${p.defenders.length - 1}`);
}

/**
 * Only for a well-formed game (no problem above): gaps the solver's tolerances would blur
 * (lib/mechanisms/ssg/model.ts, SSG_MIN_RELATIVE_GAP), then its certified NSE and the treatment's mechanism
 * on the true payoffs (both memoised for the session's lifetime). Never run a session on an uncertified benchmark.
 */
function solvableGame(p: Fields, ctx: Ctx) {
  const range = payoffRangeProblems(instanceOf(p));
  for (const message of range) issue(ctx, [], message);
  if (range.length > 0) return;
  // With reports the game's scale can reach PAYOFF_BOUND, so the true payoffs the mechanism uses next
  // to them (the attacker's, and a member's truth when she sends no report) need the reports' gap.
  if (hasReports(p)) {
    let small = 0;
    const m = p.attacker.reward.length;
    const players: [(string | number)[], { reward: readonly number[]; penalty: readonly number[] }][] = [[["attacker"], p.attacker], ...p.defenders.map((d, i): [(string | number)[], typeof d] => [["defenders", i], d])];
    for (const [path, pl] of players)
      for (let t = 0; t < m; t++) {
        if (!gapAtLeast(pl.reward[t]!, pl.penalty[t]!, MIN_PAYOFF_GAP)) {
          small++;
          issue(ctx, [...path, "reward", t], `reward − penalty = ${decimalDifference(pl.reward[t]!, pl.penalty[t]!)} is too small: with payoff reports every reward − penalty gap must be at least ${MIN_PAYOFF_GAP} (${SSG_MIN_RELATIVE_GAP} × the largest payoff a report may use, ${PAYOFF_BOUND}), or the mechanism cannot solve the reported game; widen the gap`);
        }
      }
    if (small > 0) return;
  }
  const problem = checkTrueGame(p);
  if (problem) issue(ctx, problem.path, problem.message);
}

export const SsgParams = z
  .strictObject({
    /** uncoordinated: everyone allocates alone; coordinated: a mechanism allocates the pooled resources; recommendation: it recommends. */
    mode: z.enum(["uncoordinated", "coordinated", "recommendation"]),
    /** The coordination mechanism (§4): CSW-Max, CSW-Max-NSE or dictatorship. Ignored in uncoordinated mode. */
    mechanism: z.enum(["cswMax", "cswMaxNse", "dictatorship"]).default("cswMax"),
    /** Coordinated mode: a first phase where each defender chooses to join the coordination or act alone. */
    joinPhase: z.boolean().default(false),
    /** Recommendation mode: collect payoff reports first (default: the mechanism uses the true payoffs). Coordinated mode always collects them. */
    reports: z.boolean().optional(),
    /** Dictatorship: the dictator's defender index (default: most resources, ties to the lowest index). */
    dictator: z.number().int().min(0).optional(),
    /** Target names shown to people (default "A", "B", …). */
    targets: z.array(z.string().trim().min(1, "target names cannot be empty").max(40)).optional(),
    attacker: z.strictObject({ reward: payoffList, penalty: payoffList }),
    defenders: z
      .array(
        z.strictObject({
          resources: z.number().int("resources are whole units").min(0).max(SSG_GAME_MAX_TARGETS),
          reward: payoffList,
          penalty: payoffList,
        }),
      )
      .min(2, "give at least 2 defenders")
      .max(SSG_GAME_MAX_DEFENDERS, `use at most ${SSG_GAME_MAX_DEFENDERS} defenders`),
    /** Whether defenders see the attacker's payoffs (and hence a predicted target in the live preview). */
    attackerPayoffs: z.enum(["public", "hidden"]).default("public"),
    /** What defenders see after a round: the combined coverage too, or only the attack and their own result. */
    feedback: z.enum(["coverage", "outcome"]).default("coverage"),
    /**
     * With feedback "coverage": "pooled" shows the others' combined coverage (and the round's combined
     * coverage) only when no target was protected by just one other defender, so no individual
     * allocation can be read off; "combined" always shows it (with one other defender, it is theirs).
     */
    othersFeedback: z.enum(["pooled", "combined"]).default("pooled"),
    /** What pays: the expected utility U_i(c, t) or the realised payoff of the drawn attack. */
    pay: z.enum(["expected", "realised"]).default("expected"),
    /** points = pointsOffset + pointsScale · utility. */
    pointsScale: z.number().positive().max(10_000).default(10),
    pointsOffset: z.number().min(-1e6).max(1e6).default(0),
    rounds: z.number().int().min(1).max(200).default(5),
    joinSeconds: seconds(5).default(60),
    decisionSeconds: seconds(10).default(120),
    followSeconds: seconds(5).default(90),
    resultsSeconds: seconds(3).default(30),
    /** Allocation used when the timer runs out: last round's own coverage (evenly spread in round 1), evenly spread, or nothing. */
    timeoutDefault: z.enum(["last", "even", "zero"]).default("last"),
  })
  .superRefine(independently(attackerPayoffs, defenderPayoffs, targetNames_, modeOptions, dictatorChoice), ALONGSIDE)
  .superRefine(onceSound(solvableGame), ALONGSIDE);
export type SsgParams = z.infer<typeof SsgParams>;

/** The true game of the treatment (attacker and defender types, resources). */
export function instanceOf(p: Pick<SsgParams, "attacker" | "defenders">): SsgInstance {
  return { attacker: p.attacker, defenders: p.defenders };
}

export const numTargetsOf = (p: Pick<SsgParams, "attacker">) => p.attacker.reward.length;

/** Target names shown to people. */
export function targetNames(p: Pick<SsgParams, "targets" | "attacker">): string[] {
  return p.targets ?? p.attacker.reward.map((_, t) => String.fromCharCode(65 + t));
}

/** Whether defenders report payoffs to the mechanism this treatment. */
export function hasReports(p: Pick<SsgParams, "mode" | "reports">): boolean {
  return p.mode === "coordinated" || (p.mode === "recommendation" && p.reports === true);
}
