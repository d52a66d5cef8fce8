/**
 * NSE solver for step 1 of CSW-Max (Gan et al. 2020, §4.1): finds a Nash Stackelberg equilibrium in the
 * sense of Definition 2.1 (the "0+-NSE" of Gan, Elkind & Wooldridge 2018), following our derivation in
 * docs/papers/ssg.md (the 2018 algorithm itself was not available).
 *
 * Search order and selection rule (deterministic):
 * 1. K = 0: nobody can deviate; τ = the lowest-index best response against zero coverage.
 * 2. Interior stage (nse-scan.ts): for each τ, by decreasing r^a_τ then index, the highest attacker
 *    level u at which a max-waste profile spends exactly all resources. Among certified candidates the
 *    one with the highest u wins, ties (within 1e-12·scale) to the lowest τ. This is the most wasteful,
 *    highest-attacker-utility NSE of this structure.
 * 3. Floor stage (nse-floor.ts), only if stage 2 certified nothing: u = p*, τ ∈ T* by index, then the
 *    other floor best responses by index; the first certified profile wins.
 *
 * Every returned NSE carries the Theorem A certificate (certificate.ts), checked here; a profile that
 * fails it is never returned. If no stage yields a certified profile, {@link NseNotFoundError} is thrown
 * with diagnostics. Completeness is empirical (docs/papers/ssg.md), soundness is proven.
 */
import { bestResponseSet } from "./attacker";
import { checkNseCertificate, type CertificateReport } from "./certificate";
import { attackerUtility, combineCoverage, defenderUtilities, numTargets, payoffScale, totalResources, assertValidInstance, type SsgInstance } from "./model";
import { exactBudgetSearch, exactFloorSearch } from "./nse-exact";
import { floorSearch } from "./nse-floor";
import { interiorCeiling, scanTauSteps } from "./nse-scan";

/** A certified NSE (Definition 2.1) with its derived quantities. */
export interface Nse {
  /** c^i_t for each defender i (rows) and target t. */
  readonly defenderCoverage: number[][];
  /** Attacked target τ ∈ BR. */
  readonly target: number;
  /** Combined coverage cov_t(X) = 1 − Π_i(1 − c^i_t), eq. (2). */
  readonly coverage: number[];
  /** U^a(cov(X), τ). */
  readonly attackerUtility: number;
  /** U^d_i(cov(X), τ), the benchmark of weak utility preservation (Property 2). */
  readonly defenderUtilities: number[];
  /** Which stage produced it. */
  readonly method: "no-resources" | "interior" | "bridge" | "top" | "floor" | "exact-budget" | "exact-floor";
  readonly certificate: CertificateReport;
}

/** Raised when no certified NSE was found; `diagnostics` lists what each stage tried. */
export class NseNotFoundError extends Error {
  constructor(readonly diagnostics: readonly string[]) {
    super(`no certified NSE found (${diagnostics.length} notes): ${diagnostics.slice(0, 5).join(" | ")}`);
    this.name = "NseNotFoundError";
  }
}

function finish(g: SsgInstance, X: number[][], tau: number, method: Nse["method"], cert: CertificateReport): Nse {
  const coverage = combineCoverage(X, numTargets(g));
  return {
    defenderCoverage: X,
    target: tau,
    coverage,
    attackerUtility: attackerUtility(g, coverage, tau),
    defenderUtilities: defenderUtilities(g, coverage, tau),
    method,
    certificate: cert,
  };
}

/**
 * Compute a certified NSE of `g` by the documented search and selection rule (module doc).
 * @throws NseNotFoundError when no certified NSE is found; Error on an invalid instance.
 */
export function solveNse(g: SsgInstance): Nse {
  assertValidInstance(g);
  const m = numTargets(g);
  const notes: string[] = [];
  if (totalResources(g) === 0) {
    const X = g.defenders.map(() => new Array<number>(m).fill(0));
    const tau = bestResponseSet(g, new Array<number>(m).fill(0))[0] ?? 0;
    const cert = checkNseCertificate(g, { defenderCoverage: X, target: tau });
    if (cert.ok) return finish(g, X, tau, "no-resources", cert);
    throw new NseNotFoundError(cert.failures);
  }
  const scale = payoffScale(g);
  const tolSel = 1e-12 * scale;
  const taus = Array.from({ length: m }, (_, t) => t).sort(
    (a, b) => (g.attacker.reward[b] ?? 0) - (g.attacker.reward[a] ?? 0) || a - b,
  );
  type Best = { u: number; tau: number; X: number[][]; kind: Nse["method"]; cert: CertificateReport };
  const st: { best: Best | null } = { best: null };
  const minLevel = () => (st.best ? st.best.u - tolSel : -Infinity);
  const ceiling = interiorCeiling(g);
  // Interleave the scans of all τ by decreasing interval top, so that the search stops as soon as no
  // τ can have a crossing above the best certified one (same result as scanning each τ in turn).
  const scans = taus.map((tau) => {
    const steps = scanTauSteps(g, tau, {
      minLevel,
      ceiling,
      note: (s) => notes.push(s),
      offer: (c) => {
        const cert = checkNseCertificate(g, { defenderCoverage: c.defenderCoverage, target: tau });
        if (!cert.ok) {
          notes.push(`tau ${tau} ${c.kind} at u=${c.u}: ${cert.failures.slice(0, 2).join("; ")}`);
          return false;
        }
        const b = st.best;
        const better = !b || c.u > b.u + tolSel || (Math.abs(c.u - b.u) <= tolSel && tau < b.tau);
        if (better) {
          const kind = c.kind === "crossing" ? "interior" : c.kind;
          st.best = { u: c.u, tau, X: c.defenderCoverage, kind, cert };
        }
        return true;
      },
    });
    return { tau, steps, top: ceiling === -Infinity ? undefined : steps.next().value };
  });
  for (;;) {
    let pick: (typeof scans)[number] | null = null;
    for (const sc of scans)
      if (sc.top !== undefined && (!pick || pick.top === undefined || sc.top > pick.top || (sc.top === pick.top && sc.tau < pick.tau))) pick = sc;
    if (!pick || pick.top === undefined || pick.top <= minLevel()) break;
    pick.top = pick.steps.next().value;
  }
  const found = st.best;
  if (found) return finish(g, found.X, found.tau, found.kind, found.cert);
  const fl: { nse: Nse | null } = { nse: null };
  floorSearch(
    g,
    (c) => {
      const cert = checkNseCertificate(g, { defenderCoverage: c.defenderCoverage, target: c.tau });
      if (!cert.ok) {
        notes.push(`floor tau ${c.tau}: ${cert.failures.slice(0, 2).join("; ")}`);
        return false;
      }
      fl.nse = finish(g, c.defenderCoverage, c.tau, "floor", cert);
      return true;
    },
    (s) => notes.push(s),
  );
  if (fl.nse) return fl.nse;
  const ex: { nse: Nse | null } = { nse: null };
  exactBudgetSearch(
    g,
    (c) => {
      const cert = checkNseCertificate(g, { defenderCoverage: c.defenderCoverage, target: c.tau });
      if (!cert.ok) {
        notes.push(`exact-budget tau ${c.tau} at u=${c.u}: ${cert.failures.slice(0, 2).join("; ")}`);
        return false;
      }
      ex.nse = finish(g, c.defenderCoverage, c.tau, "exact-budget", cert);
      return true;
    },
    (s) => notes.push(s),
  );
  if (ex.nse) return ex.nse;
  exactFloorSearch(
    g,
    (c) => {
      const cert = checkNseCertificate(g, { defenderCoverage: c.defenderCoverage, target: c.tau });
      if (!cert.ok) {
        notes.push(`exact floor tau ${c.tau}: ${cert.failures.slice(0, 2).join("; ")}`);
        return false;
      }
      ex.nse = finish(g, c.defenderCoverage, c.tau, "exact-floor", cert);
      return true;
    },
    (s) => notes.push(s),
  );
  if (ex.nse) return ex.nse;
  throw new NseNotFoundError(notes.length > 0 ? notes : ["no candidate produced by any stage"]);
}

/** Non-throwing variant of {@link solveNse}. */
export function trySolveNse(g: SsgInstance): { ok: true; nse: Nse } | { ok: false; error: string; diagnostics: readonly string[] } {
  try {
    return { ok: true, nse: solveNse(g) };
  } catch (e) {
    if (e instanceof NseNotFoundError) return { ok: false, error: e.message, diagnostics: e.diagnostics };
    return { ok: false, error: (e as Error).message, diagnostics: [] };
  }
}
