/**
 * The mechanism units of the Pivotal game, one per information treatment: `ids-pivotal-incomplete`
 * (eq. 6) and `ids-pivotal-full` (eq. 9). The input is everything the round depends on (who joined,
 * the reports, the loners' own choices); `run` is the game's own two steps (allocation, then the realised
 * outcome and counterfactuals), including the no-tax fallback when the mechanism fails.
 */
import { z } from "zod";
import { defineMechanism } from "../../mechanisms/unit";
import { InstanceSchema } from "../ids-mechanisms-common/instance";
import type { Information, PivotalRoundInput } from "./mechanism";
import { allocateRound, realiseRound } from "./state";

export const PIVOTAL_VERSION = "1.0.0";

const report = z.object({ alpha: z.number(), c: z.number(), q: z.number() });

function pivotalUnit(information: Information) {
  return defineMechanism({
    id: `ids-pivotal-${information}`,
    version: PIVOTAL_VERSION,
    title: `Pivotal mechanism with participation, ${information} information (Naghizadeh & Liu ${information === "full" ? "eq. 9" : "eq. 6"})`,
    input: z.object({
      information: z.literal(information),
      truth: InstanceSchema,
      joined: z.array(z.boolean()),
      reports: z.array(report.nullable()),
      lonerChoices: z.array(z.number().nullable()),
    }),
    run(input: PivotalRoundInput) {
      const first = allocateRound(input);
      const { outcome, counterfactuals, error } = realiseRound(input, first.alloc, first.error);
      return { ...outcome, counterfactuals, error };
    },
  });
}

export const pivotalUnits: Record<Information, ReturnType<typeof pivotalUnit>> = {
  incomplete: pivotalUnit("incomplete"),
  full: pivotalUnit("full"),
};
