/**
 * The treatment every load benchmark plays (bench/socket-load.ts, bench/cluster-load.ts, bench/command-path.ts):
 * unregulated IDS, groups of LOAD_GROUP users with α = 10, cost 1 and weights 1 (own) and 0.3 (others),
 * untimed phases, no quiz, and groups that wait for a missing member.
 */
export const LOAD_GROUP = 4;

export function loadTreatment(name: string, sessionSize: number, rounds: number) {
  const alpha = Array<number>(LOAD_GROUP).fill(10);
  return {
    name,
    game: "ids-investment",
    groups: sessionSize / LOAD_GROUP,
    params: { alpha, W: alpha.map((_, i) => alpha.map((__, j) => (i === j ? 1 : 0.3))), c: Array<number>(LOAD_GROUP).fill(1), xMax: 5, rounds, decisionSeconds: null, resultsSeconds: null },
    intro: { quiz: [] },
    dropout: { policy: "wait" },
  };
}
