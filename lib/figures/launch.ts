/**
 * The figures the launch check draws for a treatment: for CIP treatments the control center's utility
 * of the optimal menu and of the equal split as R, the type mix and the payment cost vary around the
 * treatment's own parameters, with the treatment's point marked; for IDS Pivotal and Externality
 * treatments the paper's examples of budget and voluntary participation, with the treatment's N and
 * cost spread marked (lib/figures/ids-launch.ts). Other games have none.
 */
import type { LoadedTreatment } from "../engine/treatment";
import { cisInSeatOrder, instanceOf, type CipGameParams } from "../games/cip-contracts/params";
import type { Figure } from "./figure";
import { cipPaymentCostSweep, cipResourcesSweep, cipTypeMixSweep, type CipSweepBase } from "./cip";
import { idsLaunchFigures } from "./ids-launch";

/** The launch-check figures of a validated treatment (empty for games without figures). */
export function launchFigures(lt: LoadedTreatment): Figure[] {
  if (lt.game.id === "ids-pivotal" || lt.game.id === "ids-externality") return idsLaunchFigures((lt.params as { c: number[] }).c);
  if (lt.game.id !== "cip-contracts") return [];
  const p = lt.params as CipGameParams;
  const label = p.allocation === "equal" ? "this treatment (equal allocation)" : "this treatment";
  const base: CipSweepBase = { instance: instanceOf(p), numberOfCis: p.cis, markerLabel: label, cis: cisInSeatOrder(p) };
  // with per-CI beliefs the population's type mix is not what the CC designs for: no type-mix sweep
  return p.beliefs === "perCi" ? [cipResourcesSweep(base), cipPaymentCostSweep(base)] : [cipResourcesSweep(base), cipTypeMixSweep(base), cipPaymentCostSweep(base)];
}
