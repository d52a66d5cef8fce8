/**
 * Every mechanism unit mechlab can recompute, by id@version (`mechlab replay`, tests). A game's units are
 * declared next to the round computation they wrap (lib/games/<game>/unit.ts); keep old versions listed
 * while recorded data uses them.
 */
import { cipUnits } from "../games/cip-contracts/unit";
import { externalityUnit } from "../games/ids-externality/unit";
import { idsUnregulatedUnit } from "./ids/unregulated-unit";
import { pivotalUnits } from "../games/ids-pivotal/unit";
import { ssgPlanUnit, ssgUnits } from "../games/ssg-defense/unit";
import { unitKey, type MechanismUnit } from "./unit";

export const mechanismUnits: readonly MechanismUnit[] = [
  idsUnregulatedUnit,
  pivotalUnits.incomplete,
  pivotalUnits.full,
  externalityUnit,
  ...Object.values(ssgUnits),
  ssgPlanUnit,
  cipUnits.menu,
  cipUnits.equal,
];

const byKey = new Map(mechanismUnits.map((u) => [unitKey(u), u]));

/** The unit of a recorded id@version, if this version of mechlab has it. */
export function findUnit(id: string, version: string): MechanismUnit | undefined {
  return byKey.get(unitKey({ id, version }));
}
