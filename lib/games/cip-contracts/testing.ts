/**
 * Test helpers for the CIP game (not used by the game itself): treatments, intro passing, actions.
 */
import { loadTreatment, type LoadedTreatment } from "../../engine";
import { cipContracts } from ".";
export { passIntro } from "../../testing/drive";

/** This family's modules only, so that tests do not depend on other families' work in progress. */
export const games = { [cipContracts.id]: cipContracts };

/** The paper's Fig. 2–3 setting (reconstructed): a = 2, c = 0.5, θ = 1…4, ρ = 2θ, r_min 20/60/100/140, R = 650. */
export const REF_TYPES = [
  { theta: 1, phi: 0, probability: 0.25, minResources: 20, rewardRate: 2 },
  { theta: 2, phi: 0, probability: 0.25, minResources: 60, rewardRate: 4 },
  { theta: 3, phi: 0, probability: 0.25, minResources: 100, rewardRate: 6 },
  { theta: 4, phi: 0, probability: 0.25, minResources: 140, rewardRate: 8 },
];

export const REF_PARAMS = {
  types: REF_TYPES,
  evaluationRate: 2,
  paymentCost: 0.5,
  resources: 650,
  cis: 4,
  rounds: 3,
  offerSeconds: 60,
  resultsSeconds: 10,
  endowment: 100,
  pointsScale: 0.1,
};

/** Criticality sub-types and per-CI beliefs (R = 150 cannot serve all four: one exclusion). */
export const PHI_TYPES = [
  { theta: 1, phi: 0, probability: 0.25, minResources: 20, rewardRate: 2 },
  { theta: 1, phi: 0.5, probability: 0.25, minResources: 20, rewardRate: 2.5 },
  { theta: 2, phi: 0, probability: 0.25, minResources: 60, rewardRate: 4 },
  { theta: 2, phi: 0.5, probability: 0.25, minResources: 60, rewardRate: 5 },
];
export const PER_CI_PARAMS = {
  ...REF_PARAMS,
  types: PHI_TYPES,
  resources: 150,
  beliefs: "perCi",
  ciProbabilities: [
    [0.55, 0.15, 0.2, 0.1],
    [0.1, 0.4, 0.1, 0.4],
    [0.3, 0.2, 0.3, 0.2],
    [0.05, 0.25, 0.2, 0.5],
  ],
  pointsScale: 0.5,
};

export function loadCip(params: Record<string, unknown>, over: Record<string, unknown> = {}): LoadedTreatment {
  const r = loadTreatment({ name: "cip test", game: "cip-contracts", params, ...over }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

export function loadErrors(params: Record<string, unknown>): string[] {
  const r = loadTreatment({ name: "cip test", game: "cip-contracts", params }, games);
  return r.ok ? [] : r.errors;
}


let seq = 0;
export const act = (pid: string, action: unknown) => ({ kind: "action" as const, pid, clientActionId: `t-${pid}-${++seq}`, action });
export const accept = (pid: string, contract?: number) => act(pid, contract === undefined ? { type: "accept" } : { type: "accept", contract });
export const reject = (pid: string) => act(pid, { type: "reject" });
export const cont = (pid: string) => act(pid, { type: "continue" });
