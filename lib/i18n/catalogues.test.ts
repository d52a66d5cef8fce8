import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { catalogues } from "./catalogues";
import { gameSelectKey } from "./game-select-key";
import { LOCALES } from "./locales";
import { scanMessageKeys } from "./message-keys";
import { translatorFor } from "./translate";

const ROOT = join(import.meta.dirname, "..", "..");

/** "a.b.c" → message for every leaf of a catalogue. */
function flatten(tree: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

type Arg = "number" | "text";
/** The placeholders of an ICU message with what they must be given (plural and number arguments: numbers). */
function argumentsOf(message: string, locale: string): Map<string, Arg> {
  const args = new Map<string, Arg>();
  const walk = (nodes: readonly unknown[]) => {
    for (const n of nodes as { type: number; value?: string; options?: Record<string, { value: unknown[] }>; children?: unknown[] }[]) {
      if (n.type === 1 && n.value && !args.has(n.value)) args.set(n.value, "text");
      if ((n.type === 2 || n.type === 6) && n.value) args.set(n.value, "number");
      if (n.type === 5 && n.value) args.set(n.value, "text");
      if (n.type === 8 && n.value) args.set(`<${n.value}>`, "text");
      for (const o of Object.values(n.options ?? {})) walk(o.value);
      if (n.children) walk(n.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return args;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" ? [] : sources(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const flat = Object.fromEntries(LOCALES.map((l) => [l, flatten(catalogues[l])])) as Record<(typeof LOCALES)[number], Map<string, string>>;

describe("translation catalogues", () => {
  it("every catalogue has exactly the keys of every other", () => {
    for (const a of LOCALES)
      for (const b of LOCALES) {
        if (a === b) continue;
        const missing = [...flat[a].keys()].filter((k) => !flat[b].has(k));
        expect(missing, `keys of ${a}.json missing from ${b}.json`).toEqual([]);
      }
  });

  it("every message is valid ICU, uses the same placeholders in every language and formats", () => {
    for (const [key, en] of flat.en) {
      const want = argumentsOf(en, "en");
      for (const l of LOCALES) {
        const message = flat[l].get(key);
        if (message === undefined) continue; // reported above
        expect(message.trim(), `${l}: ${key} is empty`).not.toBe("");
        const got = argumentsOf(message, l);
        expect([...got.keys()].sort(), `${l}: placeholders of ${key}`).toEqual([...want.keys()].sort());
        const values = Object.fromEntries([...want].filter(([n]) => !n.startsWith("<")).map(([n, kind]) => [n, kind === "number" ? 2 : "x"]));
        const tags = Object.fromEntries([...want.keys()].filter((n) => n.startsWith("<")).map((n) => [n.slice(1, -1), (c: string[]) => c.join("")]));
        expect(() => new IntlMessageFormat(message, l).format({ ...values, ...tags }), `${l}: ${key}`).not.toThrow();
      }
    }
  });

  it("every message formats through use-intl too, as the pages and the server use it (it parses stricter: no '-' in select keys)", () => {
    let errors: string[] = [];
    const translators = LOCALES.map((l) => {
      const t = createTranslator({ locale: l, messages: catalogues[l], timeZone: "UTC", onError: (e) => errors.push(e.message) });
      return [l, t as unknown as (k: string, v: Record<string, string | number>) => string] as const;
    });
    for (const [key, en] of flat.en) {
      const want = argumentsOf(en, "en");
      if ([...want.keys()].some((n) => n.startsWith("<"))) continue; // rich text: formatted by t.rich on the pages
      const values = Object.fromEntries([...want].map(([n, kind]) => [n, kind === "number" ? 2 : "x"]));
      for (const [l, t] of translators) {
        errors = [];
        t(key, values);
        expect(errors, `${l}: ${key}`).toEqual([]);
      }
    }
  });

  it("German is really German, not a copy of the English", () => {
    const same = [...flat.en].filter(([k, v]) => flat.de.get(k) === v && /[a-z]{4,}\s+[a-z]{3,}/i.test(v)).map(([k]) => k);
    expect(same).toEqual([]);
  });

  it("every step of every game has a name in the catalogues", () => {
    const phases = catalogues.en.phases as Record<string, Record<string, string> | undefined>;
    for (const g of Object.values(games)) for (const phase of Object.keys(g.phases)) expect(phases[g.id]?.[phase], `phases.${g.id}.${phase}`).toBeTruthy();
  });

  it("every game's title in the session report is a case of report.facts.gameTitle in every language", () => {
    const fallback = "no case for this game";
    for (const locale of LOCALES)
      for (const g of Object.values(games))
        expect(translatorFor(locale)("report.facts.gameTitle", { game: gameSelectKey(g.id), title: fallback }), `${locale}: report.facts.gameTitle has no case ${gameSelectKey(g.id)} (game ${g.id})`).not.toBe(fallback);
  });

  it("every key used in the code is in the catalogues", () => {
    const files = [...sources(join(ROOT, "app")), ...sources(join(ROOT, "lib")), ...sources(join(ROOT, "server"))];
    let found = 0;
    const used = new Set<string>();
    for (const f of files) {
      const scan = scanMessageKeys(readFileSync(f, "utf8"));
      expect(scan.ambiguous, `${relative(ROOT, f)}: one translator name per namespace`).toEqual([]);
      for (const u of scan.uses) {
        found++;
        used.add(u.key);
        expect(flat.en.has(u.key), `${relative(ROOT, f)}:${u.line} uses "${u.key}", which en.json lacks`).toBe(true);
      }
    }
    expect(found).toBeGreaterThan(80);
    // the charts' and the reports' words are all written with literal keys: one the code no longer uses is left over
    expect([...flat.en.keys()].filter((k) => /^(charts|report)\./.test(k) && !used.has(k))).toEqual([]);
  });

  it("the key scan resolves namespaces and catches a key that does not exist", () => {
    const code = `const t = useTranslations("final");\nt("heading"); t.rich("nope", {});\nconst r = useTranslations();\nr("play.round");\nworded("linkInvalid");\nconst c = translatorFor(input.locale);\nc("charts.axis.round"); c("charts.nope");`;
    const keys = scanMessageKeys(code).uses.map((u) => u.key);
    expect(keys).toEqual(["final.heading", "final.nope", "play.round", "charts.axis.round", "charts.nope", "refusals.linkInvalid"]);
    expect(keys.filter((k) => !flat.en.has(k))).toEqual(["final.nope", "charts.nope"]);
    expect(scanMessageKeys(`const t = useTranslations("a");\nconst t = useTranslations("b");`).ambiguous).toEqual(["t"]);
  });

  it("the server formats messages in the session's language, with German numbers", () => {
    expect(translatorFor("de")("waiting.waitingFor", { count: 1 })).toBe("Es wird auf 1 weitere Person gewartet…");
    expect(translatorFor("en")("waiting.waitingFor", { count: 3 })).toBe("Waiting for 3 more participants to be ready…");
  });
});
