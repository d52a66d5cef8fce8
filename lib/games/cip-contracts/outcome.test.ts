/**
 * The best-response columns say what they mean (findings B2): `best_on_menu` is the contract of highest
 * utility if signed in full (before the over-budget rule); `best_response_ex_post` holds the others'
 * acceptances fixed and signs with the rule, so under rationing truthful play can fail it.
 */
import { describe, expect, it } from "vitest";
import { newSession, runBots } from "../../testing/drive";
import { loadCip, REF_PARAMS } from "./testing";

function playRound(fixedTypes: number[]) {
  const lt = loadCip({ ...REF_PARAMS, fixedTypes, requestOrder: "seat", rounds: 1 }, { bots: { seats: Array(4).fill("truthful") } });
  const end = runBots(newSession(lt, "b2").state, lt, 0);
  expect(end.state.status).toBe("ended");
  const row = end.rounds[0]!;
  const bySeat = row.players.map((p) => p.record.outcome).sort((a, b) => (a.ci as number) - (b.ci as number));
  return { group: row.group, bySeat };
}

describe("best response under the over-budget rule", () => {
  it("types (2, 4, 4, 4), all truthful: the rule serves two type-4 CIs and nobody else; the unserved truthful CIs were not best-responding ex post", () => {
    // Menu for 4 CIs: r = (20, 105, 210, 315). Requested 105 + 3·315 = 1050 > R = 650. Served by φ, then θ,
    // then request order: CI 2 (315), CI 3 (315) → 20 left, below r_min of types 4 (140) and 2 (60).
    // CI 4 (type 4) would have got contract 1 in full (r = 20 fits): U = 4·2·20 − 0.5·40 = 140 > 0;
    // CI 1 (type 2) likewise: U = 2·2·20 − 0.5·40 = 60 > 0.
    const { group, bySeat } = playRound([2, 4, 4, 4]);
    expect(group.rationed).toBe(true);
    expect(bySeat.map((o) => o.status)).toEqual(["unserved", "signed", "signed", "unserved"]);
    for (const o of bySeat) {
      expect(o.own_contract).toBe(true);
      expect(o.best_on_menu).toBe(true); // the best contract if signed in full …
    }
    expect(bySeat.map((o) => o.best_response_ex_post)).toEqual([false, true, true, false]); // … but not ex post
    expect(group.best_on_menu_rate).toBe(1);
    expect(group.best_response_ex_post_rate).toBe(0.5);
    expect(group.ic_rate).toBe(1);
  });

  it("one CI of each type, all truthful (no rationing): own contract is a best response ex post too", () => {
    const { group, bySeat } = playRound([1, 2, 3, 4]);
    expect(group.rationed).toBe(false);
    expect(bySeat.map((o) => o.best_response_ex_post)).toEqual([true, true, true, true]);
    expect(group.best_response_ex_post_rate).toBe(1);
  });

  it("a mimic that takes the top contract unrationed is best on the menu for no type but its own, and not ex post", () => {
    // type 1 CI claiming type 4 with three type-1 truthful CIs: 315 + 3·20 = 375 ≤ 650, nothing rationed.
    const lt = loadCip({ ...REF_PARAMS, fixedTypes: [1, 1, 1, 1], requestOrder: "seat", rounds: 1 }, { bots: { seats: ["mimic", "truthful", "truthful", "truthful"] } });
    const end = runBots(newSession(lt, "b2m").state, lt, 0);
    const rows = end.rounds[0]!.players.map((p) => p.record.outcome).sort((a, b) => (a.ci as number) - (b.ci as number));
    expect(end.rounds[0]!.group.rationed).toBe(false);
    expect(rows[0]!.own_contract).toBe(false);
    expect(rows[0]!.best_on_menu).toBe(false);
    expect(rows[0]!.best_response_ex_post).toBe(false);
  });
});
