/**
 * Treatments for the engine's property test (lib/engine/engine.properties.test.ts), with distinctive
 * private parameters: the numbers each game declares private (`privateData`, lib/core/game.ts) must
 * never appear in another participant's view (the same kind of numbers the games' own view tests use).
 */
import { loadTreatment, type LoadedTreatment } from "../engine";
import { games } from "../games/registry";
import { declaredSecrets } from "./private-views";

export interface PropertyScenario {
  name: string;
  lt: LoadedTreatment;
  /** The private numbers of the participant at `index` in their group. */
  secretsOf(index: number): readonly number[];
}

const INTRO = {
  consent: "Agree to take part.",
  instructions: "Read the rules.",
  quiz: [{ question: "Ready?", options: ["no", "yes"], answer: 1, hint: "Choose yes." }],
};

function load(treatment: Record<string, unknown>): LoadedTreatment {
  const r = loadTreatment({ intro: INTRO, ...treatment }, games);
  if (!r.ok) throw new Error(`${String(treatment.name)}: ${r.errors.join("; ")}`);
  return r.value;
}

/** An exit survey of every kind of question (people answer it in "everyone" steps; bot seats at once). */
const SURVEY = [
  { id: "age", type: "number", prompt: "Age?", min: 18, max: 99 },
  { id: "hours", type: "number", prompt: "Hours?", min: 0, max: 24, decimals: 1 },
  { id: "how", type: "choice", prompt: "How?", options: ["a", { value: 2, label: "b" }] },
  { id: "fair", type: "likert", prompt: "Fair?", lowLabel: "no", highLabel: "yes" },
  { id: "note", type: "text", prompt: "Note?", required: false },
];

const IDS = {
  alpha: [11.1173, 12.2281, 13.3397],
  W: [
    [1.0137, 0.4129, 0.4231],
    [0.4317, 1.0241, 0.4453],
    [0.4519, 0.4627, 1.0373],
  ],
  c: [0.7771, 0.8887, 0.9993],
  q: [0.01231, 0.02347, 0.03459],
};

const SSG = {
  targets: ["North", "East", "South", "West"],
  attacker: { reward: [9.1373, 7.2191, 6.3437, 5.4713], penalty: [-3.1637, -3.2273, -2.3893, -2.4171] },
  defenders: [
    { resources: 1, reward: [1.7137, 6.8271, 3.9319, 1.1497], penalty: [-1.2837, -9.3719, -5.4197, -1.5233] },
    { resources: 1, reward: [1.6179, 1.7331, 6.8597, 3.9473], penalty: [-1.1813, -1.2939, -9.3113, -5.4571] },
    { resources: 1, reward: [6.5121, 3.5143, 1.5167, 1.5189], penalty: [-9.0113, -5.0117, -1.0119, -1.0123] },
  ],
};

/** The CC's beliefs about each CI (per-CI beliefs): private to that CI. */
const CIP_BELIEFS = [
  [0.517, 0.163, 0.211, 0.109],
  [0.113, 0.379, 0.127, 0.381],
  [0.287, 0.223, 0.283, 0.207],
  [0.053, 0.251, 0.199, 0.497],
];
const CIP_TYPES = [
  { theta: 1, phi: 0, probability: 0.25, minResources: 20, rewardRate: 2 },
  { theta: 1, phi: 0.5, probability: 0.25, minResources: 20, rewardRate: 2.5 },
  { theta: 2, phi: 0, probability: 0.25, minResources: 60, rewardRate: 4 },
  { theta: 2, phi: 0.5, probability: 0.25, minResources: 60, rewardRate: 5 },
];

/** The scenario's secrets: what its game declares private, and `more` numbers of the seat at `index`. */
function scenario(name: string, lt: LoadedTreatment, more: (index: number) => readonly number[] = () => []): PropertyScenario {
  return { name, lt, secretsOf: (i) => [...declaredSecrets(lt, i), ...more(i)] };
}

/** Built on first use: loading validates the treatments (the SSG one computes its benchmark NSE). */
export function propertyScenarios(): PropertyScenario[] {
  return [
    scenario(
      "ids-investment, 2 fixed groups of 3, dropouts replaced by bots, exit survey",
      load({
        name: "ids fixed",
        game: "ids-investment",
        groups: 2,
        params: { ...IDS, xMax: 5, rounds: 3, decisionSeconds: 60, resultsSeconds: 10, feedback: "investments" },
        dropout: { graceSeconds: 5, policy: "bot" },
        bots: { seats: ["random"] },
        survey: SURVEY,
      }),
    ),
    scenario(
      "ids-investment, 2 groups of 3 rematched at random, 2 people and 4 bots, a dropout ends the group, exit survey",
      load({
        name: "ids random",
        game: "ids-investment",
        groups: 2,
        matching: "random",
        params: { ...IDS, xMax: 5, rounds: 3, decisionSeconds: 30, resultsSeconds: null },
        dropout: { graceSeconds: 5, policy: "end" },
        bots: { seats: ["random", "myopic", "zero", "random"] },
        survey: SURVEY,
      }),
    ),
    scenario(
      "ids-pivotal, free loners, taxes shown, the group waits for dropouts",
      load({
        name: "pivotal",
        game: "ids-pivotal",
        params: { ...IDS, loner: "free", feedback: "investmentsAndTaxes", botMisreportFactor: 1.37, rounds: 3 },
        dropout: { graceSeconds: 5, policy: "wait" },
        bots: { seats: ["misreport"] },
      }),
      // the misreporting bot reports c·1.37, its own
      (i) => [IDS.c[i]! * 1.37],
    ),
    scenario(
      "ssg-defense, coordinated with a join phase",
      load({
        name: "ssg",
        game: "ssg-defense",
        params: { ...SSG, mode: "coordinated", joinPhase: true, rounds: 2 },
        dropout: { graceSeconds: 5, policy: "bot", bot: "random" },
      }),
    ),
    scenario(
      "cip-contracts, per-CI beliefs, scarce resources (re-offers)",
      load({
        name: "cip",
        game: "cip-contracts",
        params: {
          types: CIP_TYPES,
          evaluationRate: 2,
          paymentCost: 0.5,
          resources: 150,
          cis: 4,
          beliefs: "perCi",
          ciProbabilities: CIP_BELIEFS,
          rounds: 2,
          offerSeconds: 60,
          resultsSeconds: 10,
          endowment: 100,
          pointsScale: 0.5,
        },
        dropout: { graceSeconds: 5, policy: "bot" },
        bots: { seats: ["mimic"] },
      }),
    ),
  ];
}
