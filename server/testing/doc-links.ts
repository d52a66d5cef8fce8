/**
 * Relative links in the project's Markdown: each must resolve to a file inside the repository, and no
 * doc may point at material outside it (`../shared/…`): docs state the lessons of outside sources in words.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** The link targets of a Markdown text: inline `[text](target)` and definitions `[ref]: target`, outside code. */
export function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, "").replace(/`[^`\n]*`/g, "");
  const inline = [...prose.matchAll(/\]\(\s*(?:<([^>\n]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)].map((m) => (m[1] ?? m[2])!);
  const defined = [...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!);
  return [...inline, ...defined];
}

/**
 * Repository paths named in backticks (`docs/solvers.md`, `lib/lp/`), without anchors or trailing
 * punctuation; patterns with a placeholder (`<id>`, `*`, `…`, `{`) are skipped.
 */
export function mentionedPaths(text: string): string[] {
  return [...text.matchAll(/`((?:docs|lib|app|server|examples|e2e|bench|scripts|prisma|bin)\/[^`\s]*)`/g)]
    .map((m) => m[1]!)
    .filter((p) => !/[<*…{]/.test(p))
    .map((p) => p.split("#")[0]!.replace(/[.,;:]+$/, ""));
}

/** `docs/….md` files named anywhere in a source file (comments included). */
export function mentionedDocs(source: string): string[] {
  return [...source.matchAll(/\bdocs\/[\w./-]*?\.md\b/g)].map((m) => m[0]);
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#") || target.startsWith("//");

/** Problems with the links and mentions of `file` (relative to `root`), as sentences. */
export function linkProblems(root: string, file: string, markdown: string): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (isExternal(target)) continue;
    const path = decodeURIComponent(target.split("#")[0]!.split("?")[0]!);
    const abs = path.startsWith("/") ? join(root, path) : resolve(dirname(join(root, file)), path);
    const inside = abs === root || abs.startsWith(root + sep);
    if (!inside) problems.push(`${file}: link ${target} leaves the repository; state what it says in the doc instead`);
    else if (!existsSync(abs)) problems.push(`${file}: link ${target} points to ${relative(root, abs)}, which does not exist`);
  }
  for (const path of mentionedPaths(markdown))
    if (!existsSync(join(root, path))) problems.push(`${file}: mentions \`${path}\`, which does not exist in the repository`);
  if (/(^|[^\w./-])(\.\.\/)+shared\//m.test(markdown) || /`shared\/(papers|design|stack|hooks)\//.test(markdown))
    problems.push(`${file}: mentions ../shared/, which is not part of the repository; state its content in words`);
  return problems;
}

/** Source files (.ts, .tsx, .mjs) under the given folders of `root`, relative to it. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((n) => {
      const p = join(dir, n);
      if (statSync(join(root, p)).isDirectory()) return n === "node_modules" ? [] : walk(p);
      return /\.(ts|tsx|mjs)$/.test(n) ? [p] : [];
    });
  return dirs.filter((d) => existsSync(join(root, d))).flatMap(walk);
}

/** README.md, CONTRIBUTING.md and every Markdown file under docs/, relative to `root`. */
export function projectDocs(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((n) => {
      const p = join(dir, n);
      return statSync(join(root, p)).isDirectory() ? walk(p) : n.endsWith(".md") ? [p] : [];
    });
  return [...["README.md", "CONTRIBUTING.md"].filter((f) => existsSync(join(root, f))), ...walk("docs")];
}
