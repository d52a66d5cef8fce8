/** One sentence per mechanism (§4 of Gan et al. 2020), for participants. */
import type { MechanismKind } from "@/lib/games/ssg-defense/coordination";

export function mechanismText(kind: MechanismKind): string {
  switch (kind) {
    case "cswMax":
      return "The coordinator (CSW-Max) aims at the best total for the members, while leaving each member at least as well off as without coordination, according to what members report.";
    case "cswMaxNse":
      return "The coordinator (CSW-Max-NSE) keeps the target the attacker would choose without coordination and protects it as well as the pooled patrols allow, leaving each member at least as well off as without coordination.";
    case "dictatorship":
      return "The coordinator (dictatorship) picks the plan that is best for one designated defender (by default the one with the most patrols), according to that defender's report.";
  }
}
