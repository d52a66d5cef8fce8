/**
 * The mechanism unit of the unregulated IDS game: eq. (1) per user from everyone's investments, and
 * the points people see. No regulator: the "mechanism" is the cost accounting itself.
 */
import { z } from "zod";
import { defineMechanism } from "../unit";
import { unregulatedOutcome } from "./unregulated";

const vec = z.array(z.number());

export const idsUnregulatedUnit = defineMechanism({
  id: "ids-unregulated",
  version: "1.0.0",
  title: "IDS without a regulator: each user's cost g_i(x) of eq. (1) and points = pointsScale · (endowment − g_i)",
  input: z.object({ alpha: vec, W: z.array(vec), c: vec, q: vec, x: vec, endowment: z.number(), pointsScale: z.number() }),
  run: (input) => unregulatedOutcome(input, input.x, input.endowment, input.pointsScale),
});
