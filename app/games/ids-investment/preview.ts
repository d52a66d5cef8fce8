/**
 * Live cost preview for the decision screen (Naghizadeh & Liu §II-A, eq. 1):
 * f = α·exp(−(W_ii·x + protection)), h = c·x + q·x²/2, points = pointsScale·(endowment − f − h).
 * `protection` is what the others gave last round (0 in round 1), i.e. "if the others repeat".
 */
import { userCostAt } from "@/lib/mechanisms/ids/unregulated";
import type { IdsView } from "@/lib/games/ids-investment/views";

export function previewCost(v: IdsView, x: number) {
  const c = userCostAt(v.me.alpha, v.me.ownWeight, v.me.c, v.me.q, x, v.last?.protection ?? 0);
  return { risk: c.risk, invest: c.invest, total: c.total, points: v.pointsScale * (v.endowment - c.total) };
}
