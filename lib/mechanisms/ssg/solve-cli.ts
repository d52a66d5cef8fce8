/**
 * `mechlab solve ssg`: validate a JSON multi-defender SSG instance (Gan et al. 2020, §2) and return the
 * certified NSE (Definition 2.1, step 1 of CSW-Max) and the CSW-Max outcome (§4.1).
 *
 * Input: {"attacker":{"reward":[…m],"penalty":[…m]},
 *         "defenders":[{"resources":1,"reward":[…m],"penalty":[…m]},…]}
 * Every reward must exceed its penalty; resources are non-negative integers. Sizes are capped at
 * {@link SSG_MAX_TARGETS} targets and {@link SSG_MAX_DEFENDERS} defenders (see docs/benchmarks/ssg.md).
 */
import { z } from "zod";
import { formatPath } from "@/lib/core/zod-format";
import { cswMax } from "./csw-max";
import { normalizedInstance, payoffRangeProblems, SSG_MAX_ABS_PAYOFF, validateInstance, type SsgInstance } from "./model";
import { solveNse } from "./nse";

/** Largest accepted number of targets (NSE search cost grows roughly with m²·n). */
export const SSG_MAX_TARGETS = 100;
/** Largest accepted number of defenders. */
export const SSG_MAX_DEFENDERS = 10;
/** Largest accepted resources of one defender (more than m changes nothing; 2^53 and above are not exact). */
export const SSG_MAX_RESOURCES = 1_000_000;

const num = z
  .number({ error: (iss) => (iss.input === undefined ? "is required" : "must be a number") })
  .refine(Number.isFinite, { error: "must be a finite number" })
  .refine((v) => Math.abs(v) <= SSG_MAX_ABS_PAYOFF, {
    error: "is too large: use payoffs between -1e300 and 1e300 (divide all payoffs by a common factor; the equilibria do not change)",
  });
const list = z
  .array(num, { error: (iss) => (iss.input === undefined ? "is required" : "must be a list of numbers") })
  .min(1, { error: "must list at least one target" })
  .max(SSG_MAX_TARGETS, { error: `must list at most ${SSG_MAX_TARGETS} targets` });
const payoffs = { reward: list, penalty: list };

/** zod schema of the `solve ssg` input; cross-field rules (lengths, reward > penalty) in superRefine. */
export const ssgSolveInputSchema = z
  .strictObject({
    attacker: z.strictObject(payoffs, { error: (iss) => (iss.input === undefined ? "is required" : "must be an object") }),
    defenders: z
      .array(
        z.strictObject(
          {
            resources: z
              .number({ error: (iss) => (iss.input === undefined ? "is required" : "must be a number") })
              .max(SSG_MAX_RESOURCES, { error: `must be at most ${SSG_MAX_RESOURCES} (a defender with as many resources as targets covers them all)` })
              .int({ error: "must be a whole number" })
              .min(0, { error: "must be at least 0" }),
            ...payoffs,
          },
          { error: "must be an object" },
        ),
        { error: (iss) => (iss.input === undefined ? "is required" : "must be a list of defenders") },
      )
      .min(1, { error: "must list at least one defender" })
      .max(SSG_MAX_DEFENDERS, { error: `must list at most ${SSG_MAX_DEFENDERS} defenders` }),
  })
  .superRefine((v, ctx) => {
    const m = v.attacker.reward.length;
    const check = (path: (string | number)[], r: number[], p: number[]) => {
      if (r.length !== m) ctx.addIssue({ code: "custom", path: [...path, "reward"], message: `must have ${m} entries (one per target), has ${r.length}` });
      if (p.length !== m) ctx.addIssue({ code: "custom", path: [...path, "penalty"], message: `must have ${m} entries (one per target), has ${p.length}` });
      for (let t = 0; t < Math.min(r.length, p.length); t++)
        if (!((r[t] ?? 0) > (p[t] ?? 0))) ctx.addIssue({ code: "custom", path: [...path, "reward", t], message: `must be greater than penalty[${t}]` });
    };
    check(["attacker"], v.attacker.reward, v.attacker.penalty);
    v.defenders.forEach((d, i) => check(["defenders", i], d.reward, d.penalty));
  });

function describeIssues(error: z.ZodError): string {
  const lines = error.issues.map((i) => {
    const where = formatPath(i.path);
    if (i.code === "unrecognized_keys") return `${where || "the instance"} has unknown field(s): ${i.keys.join(", ")}`;
    if (where === "") return i.code === "invalid_type" ? "the instance must be a JSON object" : i.message;
    return `${where} ${i.message}`;
  });
  return [...new Set(lines)].join("\n");
}

/**
 * Solve an SSG instance given as parsed JSON. Invalid input → `{ok:false, error}` naming the field.
 * Output: `nse` (coverage, defenderCoverage, target, defenderUtilities, attackerUtility, method) and
 * `cswMax` (coverage, target, defenderUtilities, welfare, checks, lpWelfare).
 * @throws NseNotFoundError when no certified NSE is found (never an uncertified profile).
 */
export function solveSsgCommand(raw: unknown): { ok: true; output: unknown } | { ok: false; error: string } {
  const parsed = ssgSolveInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const raw0: SsgInstance = parsed.data;
  // Solve in units where the largest |payoff| is in [1, 2) (an exact power-of-two rescaling), so that
  // tiny and huge payoffs get the same relative tolerances; utilities are scaled back below.
  const { instance: g, factor } = normalizedInstance(raw0);
  const errs = validateInstance(g);
  if (errs.length === 0) errs.push(...payoffRangeProblems(g, factor));
  if (errs.length > 0) return { ok: false, error: errs.join("\n") };
  const nse = solveNse(g);
  const csw = cswMax(g, nse);
  const back = (x: number) => x * factor;
  const output = {
    model: "Gan, Elkind, Kraus & Wooldridge (AAMAS 2020); NSE search and selection rule: docs/papers/ssg.md",
    targets: g.attacker.reward.length,
    defenders: g.defenders.length,
    nse: {
      target: nse.target,
      coverage: nse.coverage,
      defenderCoverage: nse.defenderCoverage,
      defenderUtilities: nse.defenderUtilities.map(back),
      attackerUtility: back(nse.attackerUtility),
      method: nse.method,
      certificate: { theorem: nse.certificate.theorem, ok: nse.certificate.ok, bestResponses: nse.certificate.bestResponses },
    },
    cswMax: {
      target: csw.target,
      coverage: csw.coverage,
      defenderUtilities: csw.defenderUtilities.map(back),
      welfare: back(csw.welfare),
      attackerUtility: back(g.attacker.reward[csw.target]! - csw.coverage[csw.target]! * (g.attacker.reward[csw.target]! - g.attacker.penalty[csw.target]!)),
      lpWelfare: csw.lpWelfare.map((w) => (w === null ? null : back(w))),
      checks: csw.checks,
    },
  };
  const bad = firstNonFinite(output, "");
  if (bad !== null) throw new Error(`internal error: ${bad} is not a finite number; nothing was written (please report this instance)`);
  return { ok: true, output };
}

/** Path of the first number in `v` that is not finite, or null. */
function firstNonFinite(v: unknown, path: string): string | null {
  if (typeof v === "number") return Number.isFinite(v) ? null : path || "a result";
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = firstNonFinite(v[i], `${path}[${i}]`);
      if (r !== null) return r;
    }
    return null;
  }
  if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      const r = firstNonFinite(x, path ? `${path}.${k}` : k);
      if (r !== null) return r;
    }
  }
  return null;
}
