/**
 * Benchmarks of the true instance, computed once per instance by the mechanism core (`idsReport`):
 * social optimum x* (eq. 2), the unregulated Nash equilibrium, the Pivotal mechanism with everyone in
 * and truthful (eq. 6 and eq. 9), the Externality equilibrium (eq. 12–13) with its VP check, and the
 * loner equilibria x̃^i. Memoised on the instance (pure).
 */
import { externalityEquilibriumMessages, idsReport, type ExternalityEquilibrium, type IdsReport } from "../../mechanisms/ids";
import { keyOf, memo, type Instance } from "./instance";

const reports = memo<IdsReport>(100);
const equilibria = memo<ExternalityEquilibrium | { error: string }>(100);

/** `idsReport` of the true instance (memoised). */
export function benchmarksOf(inst: Instance): IdsReport {
  return reports(keyOf(inst), () => idsReport(inst));
}

/** The Externality equilibrium message profile m* (N >= 3), or the reason there is none. */
export function externalityEquilibriumOf(inst: Instance): ExternalityEquilibrium | { error: string } {
  return equilibria(keyOf(inst), () => {
    try {
      return externalityEquilibriumMessages(inst);
    } catch (e) {
      return { error: (e as Error).message };
    }
  });
}

/** Euclidean distance between two profiles (re-exported from the unregulated game). */
export { distance } from "../../mechanisms/ids/unregulated";
