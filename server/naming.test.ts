/** One name per game everywhere (CONTRIBUTING.md): checked on the repository and on broken layouts. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { games } from "../lib/games/registry";
import { gameOfFileName, namingProblems, readNamingLayout, type NamingLayout } from "./testing/naming";

const ROOT = join(import.meta.dirname, "..");

describe("one name per game", () => {
  const layout = readNamingLayout(ROOT, Object.keys(games));

  it("finds every registered game and an example of each", () => {
    expect([...layout.gameIds].sort()).toEqual(Object.keys(games).sort());
    for (const id of Object.keys(games)) expect(layout.examples.some((e) => e.game === id), id).toBe(true);
  });

  it("every registered game has its guide, example, browser test and folders, and every example is named after its game", () => {
    expect(namingProblems(layout)).toEqual([]);
  });
});

describe("the naming rule detects", () => {
  const good: NamingLayout = {
    gameIds: ["ids-investment", "ids-investment-plus", "ssg-defense"],
    docs: ["ids-investment.md", "ids-investment-plus.md", "ssg-defense.md"],
    specs: ["ids-investment.spec.ts", "ids-investment-plus.spec.ts", "ssg-defense.spec.ts"],
    libFolders: ["ids-investment", "ids-investment-plus", "ssg-defense", "shared"],
    appFolders: ["ids-investment", "ids-investment-plus", "ssg-defense"],
    examples: [
      { file: "ids-investment-3.json", game: "ids-investment" },
      { file: "ids-investment-plus.json", game: "ids-investment-plus" },
      { file: "ssg-defense-join.json", game: "ssg-defense" },
    ],
  };

  it("nothing on a layout that follows it", () => expect(namingProblems(good)).toEqual([]));

  it("the longest registered id wins when one id prefixes another", () => {
    expect(gameOfFileName("ids-investment-plus-2.json", good.gameIds)).toBe("ids-investment-plus");
    expect(gameOfFileName("ids-investment-2.json", good.gameIds)).toBe("ids-investment");
    expect(gameOfFileName("ssg-3.json", good.gameIds)).toBeNull();
  });

  it("a game without its guide, browser test or folders", () => {
    const l = { ...good, docs: ["ids-investment.md", "ids-investment-plus.md", "ssg.md"], specs: ["ids-investment.spec.ts", "ids-investment-plus.spec.ts", "ssg-session.spec.ts"], appFolders: ["ids-investment", "ids-investment-plus"], libFolders: ["ids-investment", "ssg-defense"] };
    expect(namingProblems(l)).toEqual([
      "game ids-investment-plus: its module belongs in lib/games/ids-investment-plus/",
      "game ssg-defense: add its guide docs/games/ssg-defense.md",
      "game ssg-defense: add its browser test e2e/ssg-defense.spec.ts",
      "game ssg-defense: its participant screens belong in app/games/ssg-defense/",
    ]);
  });

  it("a game without an example, and an example named after another game or no game", () => {
    const l = { ...good, examples: [good.examples[0]!, { file: "ids-investment-plus.json", game: "ids-investment" }, { file: "ssg-join.json", game: "ssg-defense" }] };
    expect(namingProblems(l)).toEqual([
      'game ids-investment-plus: add an example treatment examples/treatments/ids-investment-plus-<variant>.json with "game": "ids-investment-plus"',
      'game ssg-defense: add an example treatment examples/treatments/ssg-defense-<variant>.json with "game": "ssg-defense"',
      "examples/treatments/ids-investment-plus.json: runs ids-investment, so rename it to ids-investment-<variant>.json",
      "examples/treatments/ssg-join.json: runs ssg-defense, so rename it to ssg-defense-<variant>.json",
    ]);
  });

  it("an example that declares no game or an unregistered one", () => {
    const l = { ...good, examples: [...good.examples, { file: "ssg-defense-x.json", game: null }, { file: "ssg-defense-y.json", game: "ssg" }] };
    expect(namingProblems(l)).toEqual([
      'examples/treatments/ssg-defense-x.json: declare the game it runs ("game": "<game id>")',
      'examples/treatments/ssg-defense-y.json: "game": "ssg" is not a registered game (ids-investment, ids-investment-plus, ssg-defense)',
    ]);
  });
});
