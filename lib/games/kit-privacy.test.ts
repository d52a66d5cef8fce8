/**
 * No view shows another seat's private numbers, for every registered game that declares them
 * (`privateData` in its module), and every view is plain JSON data: each example is played by bots and
 * every state on the way is checked (lib/testing/private-views.ts, lib/testing/plain-views.ts). The engine's property test does the same on random command sequences
 * for the treatments of lib/testing/property-scenarios.ts, with the same declared numbers.
 */
import { describe, expect, it } from "vitest";
import type { AnyGameModule } from "../core/game";
import { botPlayed, examplesOf } from "../testing/example-treatments";
import { distinctiveSecrets, leaksInBotSession } from "../testing/private-views";
import { propertyScenarios } from "../testing/property-scenarios";
import { games } from "./registry";

describe.each(Object.keys(games))("game module %s", (id) => {
  it.each(examplesOf(id).map((e) => [e.file, e.treatment] as const))("no view of a bot-played session of %s shows another seat's private number or anything but plain JSON data", (_file, t) => {
    const leaks = leaksInBotSession(botPlayed(t, games), "privacy", true);
    expect(leaks, "a view shows another seat's private number; if it is there by coincidence (a sum that happens to equal it), give the example private values nothing else can equal, like 23.7").toEqual([]);
  });

  it.skipIf(games[id]!.privateData === undefined)("some example or property scenario gives a seat a private number a leak can be told by", () => {
    const lts = [...examplesOf(id).map((e) => botPlayed(e.treatment, games)), ...propertyScenarios().filter((sc) => sc.lt.game.id === id).map((sc) => sc.lt)];
    const told = lts.flatMap((lt) => Array.from({ length: lt.groupSize }, (_, i) => distinctiveSecrets(lt)(i)).flat());
    expect(told.length, `give one example of ${id} private values that are not whole numbers and differ from every other value in the treatment (e.g. an endowment of 23.7), so the leak check can look for them`).toBeGreaterThan(0);
  });
});

describe("the checks find a leaky or odd view", () => {
  const ids = games["ids-investment"]!;
  const classroom = examplesOf("ids-investment").find((e) => e.file === "ids-investment-classroom.json")!.treatment;

  it("a view that shows every user's row of W is caught (user 1's weight 0.3 on the others is theirs alone)", () => {
    const leaky: AnyGameModule = { ...ids, view: (s, viewer, ctx) => ({ ...ids.view(s, viewer, ctx), everyRow: (ctx.params as { W: number[][] }).W }) };
    const leaks = leaksInBotSession(botPlayed(classroom, { ...games, "ids-investment": leaky }));
    for (const position of [1, 2, 3]) expect(leaks).toContainEqual(expect.stringMatching(new RegExp(`view \\(position ${position}\\) holds 0\\.3, private to position 0$`)));
    expect(leaks.every((l) => / holds 0\.3, private to position 0$/.test(l)), leaks.join("\n")).toBe(true);
  });

  it("numbers shared with another seat or with public parameters, or whole numbers, are not looked for", () => {
    const lt = botPlayed(classroom, games);
    // user 1: α 20 and c 1 (whole), q 0.1 (everyone's), W row 1, 0.3, 0.3, 0.3; users 2-4 share all of theirs
    expect(distinctiveSecrets(lt)(0)).toEqual([0.3]);
    expect(distinctiveSecrets(lt)(1)).toEqual([]);
  });

  it("a view holding NaN or a function is caught", () => {
    const odd: AnyGameModule = { ...ids, view: (s, viewer, ctx) => ({ ...ids.view(s, viewer, ctx), ratio: Number.NaN, later: () => 1 }) };
    const found = leaksInBotSession(botPlayed(classroom, { ...games, "ids-investment": odd }), "privacy", true);
    expect(found).toContainEqual(expect.stringMatching(/^p1's view\.play\.game\.ratio is NaN$/));
    expect(found).toContainEqual(expect.stringMatching(/^p1's view\.play\.game\.later is a function$/));
  });
});

describe("the engine's property scenarios", () => {
  it.each(propertyScenarios().map((sc) => [sc.name, sc] as const))("%s looks for private numbers at every position (its game declares them)", (_name, sc) => {
    for (let i = 0; i < sc.lt.groupSize; i++) expect(sc.secretsOf(i).length, `position ${i}`).toBeGreaterThan(0);
  });
});
