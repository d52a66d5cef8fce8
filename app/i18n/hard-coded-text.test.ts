/**
 * A lint for participant pages: every sentence a participant reads comes from the catalogue. It reads
 * the participant components' source (TypeScript's parser) and reports English left in them: JSX text,
 * and string literals that read as words where they end up on screen (JSX children and attributes such
 * as `label`, `title`, `aria-label`, and any literal that reads as a phrase).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

/** What participants see. Admin pages (app/admin, app/components/admin) stay English by design. */
const PARTICIPANT = [
  "app/components/participant",
  "app/components/kit",
  "app/games",
  "app/i18n",
  "app/components/JoinForm.tsx",
  "app/components/PanelJoin.tsx",
  "app/components/HomeBody.tsx",
  "app/components/JoinPageBody.tsx",
  "app/components/projector",
  "app/components/charts",
];

/** Attributes that never reach the screen. */
const SILENT_ATTRIBUTES = new Set([
  "className",
  "height",
  "id",
  "htmlFor",
  "key",
  "type",
  "name",
  "inputMode",
  "autoComplete",
  "autoCapitalize",
  "role",
  "href",
  "rel",
  "target",
  "style",
  "method",
  "aria-live",
  "aria-describedby",
  "aria-labelledby",
  "data-testid",
  "data-status",
  "aria-hidden",
  "testId",
  "testIdPrefix",
  "prefix",
  "locale",
  "timeZone",
  "value",
  "step",
  "scope",
  "aria-busy",
]);

/** Calls whose string arguments are keys or code, not text. */
const KEY_CALLS = /^(t|t\.rich|t\.markup|t\.has|useTranslations|worded|englishRefusal|translatorFor|useDraft|send|console\.\w+|JSON\.\w+|new Intl\.\w+|\w+\.startsWith|\w+\.includes|\w+\.replace|\w+\.split|\w+\.join|require)$/;

/** Texts that are not language: symbols, formulas and the like. */
const ALLOWED = new Set(["use client", "Enter"]);

const reads = (s: string) => /[A-Za-z]{2,}/.test(s);
const phrase = (s: string) => reads(s) && (/[A-Za-z][,;:]?\s+[A-Za-z(]/.test(s) || /^[A-Z][a-z]/.test(s) || /^\s+[a-z]+\s+$/.test(s));

function files(path: string): string[] {
  const abs = join(ROOT, path);
  if (!statSync(abs).isDirectory()) return [path];
  return readdirSync(abs).flatMap((n) => files(join(path, n)));
}

function callName(call: ts.CallExpression | ts.NewExpression, sf: ts.SourceFile): string {
  const name = call.expression.getText(sf);
  return ts.isNewExpression(call) ? `new ${name}` : name;
}

/** Where a literal ends up: "screen" inside JSX (child or visible attribute), "code" where it is a key or id. */
function placeOf(node: ts.Node, sf: ts.SourceFile): "screen" | "code" | "unknown" {
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isExpressionStatement(p) && ts.isStringLiteral(p.expression)) return "code";
    if (ts.isJsxAttribute(p)) return SILENT_ATTRIBUTES.has(p.name.getText(sf)) || p.name.getText(sf).startsWith("data-") ? "code" : "screen";
    if (ts.isJsxExpression(p) && !ts.isJsxAttribute(p.parent)) return "screen";
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && child !== p.expression) return KEY_CALLS.test(callName(p, sf)) ? "code" : "unknown";
    if (ts.isBinaryExpression(p) && /^(===|!==|==|!=|in)$/.test(p.operatorToken.getText(sf))) return "code";
    if ((ts.isCaseClause(p) && child === p.expression) || (ts.isElementAccessExpression(p) && child === p.argumentExpression) || ts.isTypeNode(p)) return "code";
    if (ts.isPropertyAssignment(p) && child === p.name) return "code";
    // an English fallback next to its catalogue wording ({ message, wording }) is for logs
    if (ts.isPropertyAssignment(p) && /^(message|code|field)$/.test(p.name.getText(sf)) && ts.isObjectLiteralExpression(p.parent) && p.parent.properties.some((q) => q.name?.getText(sf) === "wording"))
      return "code";
    if (ts.isPropertyAssignment(p) && /^(key|code|field)$/.test(p.name.getText(sf))) return "code";
    if (ts.isFunctionDeclaration(p) || ts.isArrowFunction(p) || ts.isFunctionExpression(p) || ts.isVariableStatement(p)) return "unknown";
  }
  return "unknown";
}

/** An HTML tag, possibly with placeholders (\u0000) of a template in its attributes. */
const TAG = /<\/?[a-z!][^<>]*>/gi;

/**
 * What an HTML template or string shows once its tags are removed (placeholders and entities dropped),
 * or null when it holds no tag. The reports (report.html, study-report.html) are written as HTML templates.
 */
function htmlText(n: ts.Node): string | null {
  const pieces = ts.isTemplateExpression(n) ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)] : ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? [n.text] : null;
  if (!pieces) return null;
  const joined = pieces.join("\u0000");
  if (!/<\/?[a-z!]/i.test(joined)) return null;
  return joined.replace(TAG, " ").replace(/&#?\w+;/g, " ").replace(/\u0000/g, " ").replace(/\s+/g, " ").trim();
}

/** `html`: also read HTML templates as what they show (server-side pages: the reports). */
export function hardCodedText(file: string, code: string, opts: { html?: boolean } = {}): string[] {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (n: ts.Node, text: string) => {
    const t = text.trim();
    if (ALLOWED.has(t)) return;
    found.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${JSON.stringify(t)}`);
  };
  const visit = (n: ts.Node) => {
    const shown = opts.html ? htmlText(n) : null;
    if (shown !== null) {
      if (reads(shown)) report(n, shown);
      if (ts.isTemplateExpression(n)) for (const span of n.templateSpans) visit(span.expression);
      return;
    }
    if (ts.isJsxText(n) && reads(n.text)) report(n, n.text);
    const literal = ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n) ? n.text : null;
    if (literal !== null && reads(literal)) {
      const place = placeOf(n, sf);
      if (place === "screen" ? true : place === "unknown" && phrase(literal)) report(n, literal);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** Screens still being moved to the catalogue (this list only shrinks). */
const PENDING = new Set<string>([
]);

describe("participant pages have no hard-coded English", () => {
  const sources = PARTICIPANT.flatMap(files).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith(".typecheck.tsx") && !PENDING.has(f));

  it("finds the participant components", () => expect(sources.length).toBeGreaterThan(20));

  it.each(sources)("%s", (file) => {
    expect(hardCodedText(file, readFileSync(join(ROOT, file), "utf8"))).toEqual([]);
  });

  it("catches English in an HTML template (the reports), not the tags and attributes around placeholders", () => {
    const code = `const a = \`<h2 id="t-\${k}">\${esc(t("report.x"))}</h2><p class="muted">\${n} rounds</p>\`;
const b = '<span class="muted">–</span>';
const c = \`<details><summary>Numbers behind the chart</summary>\${x}</details>\`;
const d = \`<td>\${\`<b>Total</b>\`}</td>\`;`;
    expect(hardCodedText("r.ts", code, { html: true }).map((l) => l.replace(/^r\.ts:\d+: /, ""))).toEqual([JSON.stringify("rounds"), JSON.stringify("Numbers behind the chart"), JSON.stringify("Total")]);
  });

  it("catches a sentence, a label, a word in JSX and a phrase in a helper; lets keys and ids through", () => {
    const code = `"use client";
import { x } from "../lib";
export const a = () => "Waiting for the others";
export function C({ ok }: { ok: boolean }) {
  const t = useTranslations("play");
  return <div className="card" data-testid="x-y" aria-label="Round status">
    Round {ok ? "yes" : t("round")} <NumberField label={\`Investment for \${1}\`} id="invest" />
    {e.key === "Enter" ? null : useDraft(\`mechlab:ids:\${1}\`, "")}
  </div>;
}`;
    expect(hardCodedText("x.tsx", code).map((l) => l.replace(/^x\.tsx:\d+: /, ""))).toEqual([
      JSON.stringify("Waiting for the others"),
      JSON.stringify("Round status"),
      JSON.stringify("Round"),
      JSON.stringify("yes"),
      JSON.stringify("Investment for"),
    ]);
  });
});

/** The reports the export writes (report.html, study-report.html): in the session's language too. */
const REPORTS = ["server/export/report-html.ts", "server/export/study-report.ts"];

describe("the reports have no hard-coded English", () => {
  it.each(REPORTS)("%s", (file) => {
    expect(hardCodedText(file, readFileSync(join(ROOT, file), "utf8"), { html: true })).toEqual([]);
  });
});
