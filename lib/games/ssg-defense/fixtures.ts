/**
 * Instances used by this game's tests and examples (not part of the game module).
 */
import type { SsgInstance } from "../../mechanisms/ssg";

/** The shipped examples' game: 3 defenders with one patrol each, 4 targets (examples/treatments/ssg-defense-*.json). */
export const COAST: SsgInstance & { targets: string[] } = {
  targets: ["Harbour", "Oil rig", "Ferry", "Fishery"],
  attacker: { reward: [9, 7, 6, 5], penalty: [-3, -3, -2, -2] },
  defenders: [
    { resources: 1, reward: [6, 3, 1, 1], penalty: [-9, -5, -1, -1] },
    { resources: 1, reward: [1, 6, 3, 1], penalty: [-1, -9, -5, -1] },
    { resources: 1, reward: [1, 1, 6, 3], penalty: [-1, -1, -9, -5] },
  ],
};

/** The known game without a certified NSE (docs/papers/ssg.md §4.5): 4 defenders, 6 targets. */
export const OPEN_INSTANCE: SsgInstance = {
  attacker: {
    reward: [8.574834675528109, 5.893628820776939, 1.0933917085640132, 4.266460670623928, 5.979135558009148, 3.9094832469709218],
    penalty: [-0.5956118110567328, -2.612600084301084, -0.14805570002645263, -3.77518647108227, -2.8021026355214413, -5.728378554247319],
  },
  defenders: [
    { resources: 0, reward: [5.5, 4.5, 3.5, 1.5, 0.5, 2.5], penalty: [5, 4, 3, 1, 0, 2] },
    { resources: 1, reward: [3.5, 2.5, 0.5, 4.5, 5.5, 1.5], penalty: [3, 2, 0, 4, 5, 1] },
    { resources: 1, reward: [5.5, 3.5, 4.5, 0.5, 1.5, 2.5], penalty: [5, 3, 4, 0, 1, 2] },
    { resources: 1, reward: [0.5, 1.5, 2.5, 4.5, 5.5, 3.5], penalty: [0, 1, 2, 4, 5, 3] },
  ],
};

/** Same attacker and resources as OPEN_INSTANCE, generic defender payoffs: this game has a certified NSE. */
export const OPEN_ATTACKER_CERTIFIED: SsgInstance = {
  attacker: OPEN_INSTANCE.attacker,
  defenders: [
    { resources: 0, reward: [3.5, 8.5, 4.5, 2.5, 7.5, 6.5], penalty: [-4.5, -6.5, -8.5, -5.5, -7.5, -8.5] },
    { resources: 1, reward: [3.5, 8.5, 6.5, 1.5, 2.5, 4.5], penalty: [-5.5, -7.5, -4.5, -7.5, -3.5, -6.5] },
    { resources: 1, reward: [4.5, 2.5, 3.5, 5.5, 6.5, 7.5], penalty: [-2.5, -7.5, -3.5, -6.5, -2.5, -6.5] },
    { resources: 1, reward: [1.5, 2.5, 3.5, 2.5, 3.5, 1.5], penalty: [-4.5, -8.5, -4.5, -5.5, -1.5, -6.5] },
  ],
};
