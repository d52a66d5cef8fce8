/** One sentence per mechanism (§4 of Gan et al. 2020), for participants: its key in the `ssg` catalogue section. */
import type { MechanismKind } from "@/lib/games/ssg-defense/coordination";

export function mechanismText(kind: MechanismKind): "mechanismCswMax" | "mechanismCswMaxNse" | "mechanismDictatorship" {
  switch (kind) {
    case "cswMax":
      return "mechanismCswMax";
    case "cswMaxNse":
      return "mechanismCswMaxNse";
    case "dictatorship":
      return "mechanismDictatorship";
  }
}
