/**
 * Treatment parameters of the balanced Externality mechanism game (Naghizadeh & Liu §IV, after
 * Hurwicz) on the IDS instance f_i(x) = α_i exp(−Σ_j W_ij x_j), h_i(x_i) = c_i x_i + q_i x_i²/2.
 * Every round each user sends a message m_i = (x_i, π_i): a proposed investment profile x_i ∈ [0, xMax]^N
 * and a price profile π_i ∈ [0, piMax]^N. People see points = pointsScale · (endowment − g_i(x̂) − t̂_i).
 */
import { z } from "zod";
import { instanceChecks, instanceFields, instanceIsConsistent, instanceOf } from "../ids-mechanisms-common/instance";
import { externalityEquilibriumOf } from "../ids-mechanisms-common/benchmarks";
import { alongside, ALONGSIDE, independently } from "../../core/refine-alongside";

export const N2_MESSAGE =
  "the Externality mechanism needs at least 3 users: with N = 2 the message game of eq. 11 has no equilibrium (π_{i+2} = π_i, so a user's own price enters its own tax and raising it always lowers the tax; see docs/papers/ids.md). Use 3 to 6 users";

export const ExternalityParams = z
  .object({
    ...instanceFields,
    /** Upper bound of every price π_ij (lower bound 0, as in §IV-A: π_i ∈ R^N_+). */
    piMax: z.number().positive().max(1000).default(10),
    /**
     * Round-1 prefill of the proposals: zeros, or the unregulated Nash profile — computed from every user's
     * private cost, so it tells the others those costs (the launch check warns; fresh-clone review B1).
     */
    start: z.enum(["nash", "zero"]).default("zero"),
    /** Round-1 prefill of every price π_ij. */
    piStart: z.number().min(0).default(0.1),
    /** Message timer, seconds (null = untimed). */
    messageSeconds: z.number().int().min(5).max(3600).nullable().default(90),
    /** Step of the adaptive bot towards its target message (adaptiveExternalityMessage), in (0, 1]. */
    botStep: z.number().gt(0).max(1).default(0.5),
  })
  .superRefine(independently(...instanceChecks(3, N2_MESSAGE)), ALONGSIDE)
  .superRefine(
    alongside((p, ctx) => {
      if (p.piStart > p.piMax) ctx.addIssue({ code: "custom", path: ["piStart"], message: `piStart must be ≤ piMax (${p.piMax})` });
    }),
    ALONGSIDE,
  )
  .superRefine(
    alongside((p, ctx) => {
      if (p.alpha.length < 3 || !instanceIsConsistent(p)) return;
      const eq = externalityEquilibriumOf(instanceOf(p));
      if ("error" in eq) {
        ctx.addIssue({ code: "custom", path: ["alpha"], message: `no equilibrium could be computed: ${eq.error}` });
        return;
      }
      const xs = Math.max(...eq.x);
      if (xs > p.xMax)
        ctx.addIssue({ code: "custom", path: ["xMax"], message: `xMax must be at least the largest socially optimal investment ${xs.toFixed(4)}, else the equilibrium cannot be proposed` });
      const ps = Math.max(...eq.messages.flatMap((m) => m.pi));
      if (ps > p.piMax)
        ctx.addIssue({ code: "custom", path: ["piMax"], message: `piMax must be at least ${ps.toFixed(4)}, the largest equilibrium price π* (eq. 13), else the equilibrium cannot be sent` });
    }),
    ALONGSIDE,
  );
export type ExternalityParams = z.infer<typeof ExternalityParams>;

export { instanceOf };
