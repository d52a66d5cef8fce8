/**
 * Finding the catalogue keys a source file uses, for the catalogue test: `const t = useTranslations("ns")`
 * then `t("key")`, `t.rich("key")`, `t.markup("key")`; `translatorFor(…)("ns.key")`, or
 * `const t = translatorFor(…)` then `t("ns.key")` (the chart builders); refusals worded with
 * `worded("key")`, `englishRefusal("key")` or `wording: { key: "key" }` (the `refusals` section).
 * Keys built at run time (a game's phase labels) are checked by the test from their sources instead.
 */
export interface KeyUse {
  key: string;
  /** 1-based line of the use. */
  line: number;
}

export interface KeyScan {
  uses: KeyUse[];
  /** A translator name bound to two namespaces in one file: its keys cannot be resolved. */
  ambiguous: string[];
}

const lineOf = (code: string, index: number) => code.slice(0, index).split("\n").length;

/** Comments out (keeping line numbers): examples in doc comments are not uses. */
const stripComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/(^|\s)\/\/.*$/gm, "$1");

export function scanMessageKeys(source: string): KeyScan {
  const code = stripComments(source);
  const namespaces = new Map<string, Set<string>>();
  for (const m of code.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*useTranslations(?:<[^>]*>)?\(\s*(?:"([\w.-]*)")?\s*\)/g)) {
    const set = namespaces.get(m[1]!) ?? new Set<string>();
    set.add(m[2] ?? "");
    namespaces.set(m[1]!, set);
  }
  for (const m of code.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*translatorFor\(/g)) {
    const set = namespaces.get(m[1]!) ?? new Set<string>();
    set.add("");
    namespaces.set(m[1]!, set);
  }
  const uses: KeyUse[] = [];
  const ambiguous: string[] = [];
  for (const [name, set] of namespaces) {
    if (set.size > 1) {
      ambiguous.push(name);
      continue;
    }
    const ns = [...set][0]!;
    const call = new RegExp(`(?<![\\w.])${name}(?:\\.(?:rich|markup))?\\(\\s*"([^"]+)"`, "g");
    for (const m of code.matchAll(call)) uses.push({ key: ns ? `${ns}.${m[1]}` : m[1]!, line: lineOf(code, m.index) });
  }
  for (const m of code.matchAll(/\btranslatorFor\([^)]*\)\(\s*"([^"]+)"/g)) uses.push({ key: m[1]!, line: lineOf(code, m.index) });
  for (const m of code.matchAll(/\b(?:worded|englishRefusal)\(\s*"([^"]+)"|\bwording:\s*\{\s*key:\s*"([^"]+)"/g))
    uses.push({ key: `refusals.${m[1] ?? m[2]}`, line: lineOf(code, m.index) });
  return { uses, ambiguous };
}
