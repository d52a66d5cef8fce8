/**
 * The naming rule of CONTRIBUTING.md: every registered game carries its game id in the name of each of its
 * files (`docs/games/<id>.md`, `examples/treatments/<id>-*.json`, `e2e/<id>.spec.ts`, `lib/games/<id>/`,
 * `app/games/<id>/`), and every example's file name starts with the id of the game it runs.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** What the rule looks at: registered ids and the files found on disk. */
export interface NamingLayout {
  gameIds: readonly string[];
  /** File names in docs/games/. */
  docs: readonly string[];
  /** File names in e2e/. */
  specs: readonly string[];
  /** Folder names in lib/games/ and app/games/. */
  libFolders: readonly string[];
  appFolders: readonly string[];
  /** Each example treatment's file name and the `game` it declares (null when it declares none). */
  examples: readonly { file: string; game: string | null }[];
}

/** The registered game whose id is the longest prefix of `file` (`<id>-…json` or `<id>.json`). */
export function gameOfFileName(file: string, gameIds: readonly string[]): string | null {
  const matches = gameIds.filter((id) => file === `${id}.json` || file.startsWith(`${id}-`));
  return matches.sort((a, b) => b.length - a.length)[0] ?? null;
}

/** Every violation of the naming rule, as a sentence that says what to add or rename. */
export function namingProblems(l: NamingLayout): string[] {
  const problems: string[] = [];
  for (const id of l.gameIds) {
    if (!l.docs.includes(`${id}.md`)) problems.push(`game ${id}: add its guide docs/games/${id}.md`);
    if (!l.specs.includes(`${id}.spec.ts`)) problems.push(`game ${id}: add its browser test e2e/${id}.spec.ts`);
    if (!l.libFolders.includes(id)) problems.push(`game ${id}: its module belongs in lib/games/${id}/`);
    if (!l.appFolders.includes(id)) problems.push(`game ${id}: its participant screens belong in app/games/${id}/`);
    if (!l.examples.some((e) => e.game === id && gameOfFileName(e.file, l.gameIds) === id))
      problems.push(`game ${id}: add an example treatment examples/treatments/${id}-<variant>.json with "game": "${id}"`);
  }
  for (const e of l.examples) {
    if (e.game === null) {
      problems.push(`examples/treatments/${e.file}: declare the game it runs ("game": "<game id>")`);
      continue;
    }
    if (!l.gameIds.includes(e.game)) {
      problems.push(`examples/treatments/${e.file}: "game": "${e.game}" is not a registered game (${l.gameIds.join(", ")})`);
      continue;
    }
    if (gameOfFileName(e.file, l.gameIds) !== e.game) problems.push(`examples/treatments/${e.file}: runs ${e.game}, so rename it to ${e.game}-<variant>.json`);
  }
  return problems;
}

const names = (dir: string, wanted: (name: string, isDir: boolean) => boolean) =>
  existsSync(dir) ? readdirSync(dir).filter((n) => wanted(n, statSync(join(dir, n)).isDirectory())) : [];

function declaredGame(path: string): string | null {
  try {
    const t: unknown = JSON.parse(readFileSync(path, "utf8"));
    return typeof t === "object" && t !== null && "game" in t && typeof t.game === "string" ? t.game : null;
  } catch {
    return null;
  }
}

/** The layout of the repository at `root`. */
export function readNamingLayout(root: string, gameIds: readonly string[]): NamingLayout {
  const exampleDir = join(root, "examples/treatments");
  return {
    gameIds,
    docs: names(join(root, "docs/games"), (n, d) => !d && n.endsWith(".md")),
    specs: names(join(root, "e2e"), (n, d) => !d && n.endsWith(".spec.ts")),
    libFolders: names(join(root, "lib/games"), (_, d) => d),
    appFolders: names(join(root, "app/games"), (_, d) => d),
    examples: names(exampleDir, (n, d) => !d && n.endsWith(".json")).map((file) => ({ file, game: declaredGame(join(exampleDir, file)) })),
  };
}
