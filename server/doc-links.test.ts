/** Every relative link in README.md, CONTRIBUTING.md and docs/ resolves inside the repository. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { linkProblems, linkTargets, mentionedDocs, mentionedPaths, projectDocs, sourceFiles } from "./testing/doc-links";

const ROOT = join(import.meta.dirname, "..");

describe("links in the project's docs", () => {
  const docs = projectDocs(ROOT);
  it("finds README, CONTRIBUTING and the docs", () => {
    expect(docs).toEqual(expect.arrayContaining(["README.md", "CONTRIBUTING.md", "docs/architecture.md", "docs/solvers.md", "docs/games/ssg-defense.md"]));
  });
  it.each(docs)("%s: every relative link resolves to a file in the repository, none leaves it", (file) => {
    expect(linkProblems(ROOT, file, readFileSync(join(ROOT, file), "utf8"))).toEqual([]);
  });
});

describe("docs named in the code", () => {
  // (this check and its helpers quote missing docs on purpose)
  const files = sourceFiles(ROOT, ["lib", "app", "server", "bench", "scripts", "e2e", "bin"]).filter((f) => !f.includes("doc-links"));
  it("finds the sources", () => expect(files.length).toBeGreaterThan(100));
  it("every docs/….md a source file names exists", () => {
    const missing = files.flatMap((f) => mentionedDocs(readFileSync(join(ROOT, f), "utf8")).filter((d) => !existsSync(join(ROOT, d))).map((d) => `${f}: ${d}`));
    expect(missing).toEqual([]);
  });
});

describe("the link check detects", () => {
  it("links in prose, not in code", () => {
    const md = "See [a](docs/a.md#x) and [b]( <c d.md> ).\n\n[ref]: ../e.md\n\n```\n[no](f.md)\n```\nand `[no](g.md)`.";
    expect(linkTargets(md)).toEqual(["docs/a.md#x", "c d.md", "../e.md"]);
  });
  it("repository paths in backticks, and docs named in code", () => {
    expect(mentionedPaths("`docs/a.md#x`, `lib/lp/`. `docs/games/<id>.md` `examples/treatments/x-*.json` `npm test`")).toEqual(["docs/a.md", "lib/lp/"]);
    expect(mentionedDocs("// see docs/solvers.md and docs/games/ssg-defense.md §2.1; not mydocs/x.txt")).toEqual(["docs/solvers.md", "docs/games/ssg-defense.md"]);
  });
  it("a missing file, an escape from the repository and a mention of ../shared", () => {
    const md = "[ok](architecture.md#why) [web](https://example.org/x.md) [top](#top) [gone](games/ssg.md) [out](../../x.md)\n`docs/games/cip.md` (see `../shared/design/architecture.md`)";
    expect(linkProblems(ROOT, "docs/x.md", md)).toEqual([
      "docs/x.md: link games/ssg.md points to docs/games/ssg.md, which does not exist",
      "docs/x.md: link ../../x.md leaves the repository; state what it says in the doc instead",
      "docs/x.md: mentions `docs/games/cip.md`, which does not exist in the repository",
      "docs/x.md: mentions ../shared/, which is not part of the repository; state its content in words",
    ]);
  });
});
