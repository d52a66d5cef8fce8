/**
 * Live cost preview for the decision screen (Naghizadeh & Liu §II-A, eq. 1):
 * f = α·exp(−(W_ii·x + protection)), h = c·x + q·x²/2, points = pointsScale·(endowment − f − h).
 * `protection` is what the others gave last round (0 in round 1), i.e. "if the others repeat".
 */
import { userCostAt } from "@/lib/games/ids-investment/cost";
import type { IdsView } from "@/lib/games/ids-investment/views";

export interface CostPreview {
  risk: number;
  invest: number;
  total: number;
  points: number;
}

export function previewCost(v: IdsView, x: number): CostPreview {
  const protection = v.last?.protection ?? 0;
  const c = userCostAt(v.me.alpha, v.me.ownWeight, v.me.c, v.me.q, x, protection);
  return { risk: c.risk, invest: c.invest, total: c.total, points: v.pointsScale * (v.endowment - c.total) };
}

/** Parse what the person typed ("2", "2.5", "2,5"); null when it is not a number. */
export function parseInvestment(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (t === "" || !/^[+]?\d*\.?\d*$/.test(t) || t === "." || t === "+") return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}
