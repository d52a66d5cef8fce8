/**
 * The mechanism unit of the Externality game: eq. 10–11 on the round's message profile, then the true
 * costs (eq. 1) and net costs (eq. 3). The input holds every message the mechanism used (missing ones
 * were replaced by the prefill, as at a timeout).
 */
import { z } from "zod";
import { defineMechanism } from "../../mechanisms/unit";
import { InstanceSchema } from "../ids-mechanisms-common/instance";
import { externalityRound } from "./state";

export const externalityUnit = defineMechanism({
  id: "ids-externality",
  version: "1.0.0",
  title: "Externality mechanism (Naghizadeh & Liu eq. 10–11): x̂(m), taxes t̂_i, true costs g_i and net costs",
  input: z.object({ truth: InstanceSchema, messages: z.array(z.object({ x: z.array(z.number()), pi: z.array(z.number()) })) }),
  run: externalityRound,
});
