/**
 * The figures the launch check draws for a treatment: for CIP treatments the control center's utility
 * of the optimal menu and of the equal split as R, the type mix and the payment cost vary around the
 * treatment's own parameters, with the treatment's point marked. Other games have none yet.
 */
import type { LoadedTreatment } from "../engine/treatment";
import { instanceOf, type CipGameParams } from "../games/cip-contracts/params";
import type { Figure } from "./figure";
import { cipSweeps } from "./cip";

/** The launch-check figures of a validated treatment (empty for games without figures). */
export function launchFigures(lt: LoadedTreatment): Figure[] {
  if (lt.game.id !== "cip-contracts") return [];
  const p = lt.params as CipGameParams;
  const label = p.allocation === "equal" ? "this treatment (equal allocation)" : "this treatment";
  const figures = cipSweeps({ instance: instanceOf(p), numberOfCis: p.cis, markerLabel: label });
  if (p.beliefs !== "perCi") return figures;
  const note = " This treatment gives the CC per-CI beliefs; these curves use the population probabilities.";
  return figures.map((f) => ({ ...f, caption: f.caption + note }));
}
