/**
 * Checking a participant's survey answers against the questions (the server does this for every
 * submission; the messages are shown next to each question, in the participant's words).
 */
import type { SurveyQuestion, SurveyValue } from "./questions";
import { SURVEY_REFUSALS as T, type Worded } from "./text";
import { textLength, unitsLeft } from "./text-length";

export type SurveyAnswers = Record<string, SurveyValue>;

export type SurveyCheck =
  | { ok: true; answers: SurveyAnswers }
  /** One message per question id that cannot be accepted (every problem at once). */
  | { ok: false; problems: Record<string, Worded> };

/** C0 control characters and DEL, except tab, line feed and carriage return. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const empty = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/**
 * The number in an answer and the decimals it was given with, or null. A typed text ("2", "2.50",
 * "2,5") counts the digits written after the point, trailing zeros aside ("2.50" has 1); exponent
 * notation ("1e-8") is not read. A JSON number counts as the fewest decimals that give it back up to
 * floating-point noise, so 0.1 + 0.2 has 1 decimal but 2.00000004 has 8.
 */
function asNumber(v: unknown): { x: number; decimals: number } | null {
  if (typeof v === "number") return Number.isFinite(v) ? { x: v, decimals: decimalsOf(v) } : null;
  if (typeof v !== "string") return null;
  const t = v.trim().replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? { x, decimals: (t.split(".")[1] ?? "").replace(/0+$/, "").length } : null;
}

/** `x` rounded to `d` decimals (the nearest double to that decimal, and 0 for -0). */
function roundTo(x: number, d: number): number {
  const r = Math.round(x * 10 ** d) / 10 ** d;
  return r === 0 ? 0 : r;
}

/**
 * "1.000" or "2,500": a thousands separator (German "1.000", English "2,500") or decimals? Either
 * reading would be silently wrong for someone, so the answer is refused, naming both readings and the
 * range (the thousands reading, "2500", is returned here), when the question allows fewer than 3 decimals
 * or the thousands reading is in its range too (with 3 decimals allowed and a range up to 5000, "1,000"
 * was stored as 1); else null (with 3 or more decimals and a range up to 1, "1.000" can only be 1). The
 * survey page sends such text as typed instead of reading it itself.
 */
export function thousandsOrDecimals(q: { decimals: number; min: number; max: number }, typed: string): string | null {
  const t = typed.trim();
  if (!/^[+-]?[1-9]\d{0,2}[.,]\d{3}$/.test(t)) return null;
  const thousands = t.replace(/[.,]/, "");
  const x = Number(thousands);
  return q.decimals < 3 || (x >= q.min && x <= q.max) ? thousands : null;
}

/**
 * Decimals a number needs (0.1 → 1, 2 → 0, 0.1 + 0.2 → 1), up to 12; 13 for more. Only a relative
 * floating-point error is forgiven (|x − rounded| ≤ 1e-12·max(1, |x|)), so 1e-8, 2.00000004 and
 * 49.99999999 are not whole numbers.
 */
function decimalsOf(x: number): number {
  for (let d = 0; d <= 12; d++) if (Math.abs(x - roundTo(x, d)) <= 1e-12 * Math.max(1, Math.abs(x))) return d;
  return 13;
}

/** The accepted value of one answer, or the message saying what to change. */
export function checkAnswer(q: SurveyQuestion, raw: unknown): { value: SurveyValue } | { problem: Worded } {
  if (empty(raw)) return q.required ? { problem: T.required() } : { value: null };
  switch (q.type) {
    case "text": {
      if (typeof raw !== "string") return { problem: T.notText() };
      // half of an emoji (a lone UTF-16 surrogate) cannot be stored as text: it would become "�"
      if (/[\uD800-\uDFFF]/u.test(raw)) return { problem: T.brokenCharacter() };
      // control characters (NUL, escape, …) are invisible and break CSV readers; tabs and line breaks stay
      const text = raw.replace(CONTROL_CHARS, "").trim();
      if (text === "") return q.required ? { problem: T.required() } : { value: null };
      // characters as drawn (an emoji is one), and a bound on what is stored whatever a character is made of
      // (refused with its own message: "has 1 characters" would make no sense for one letter under 100 accents)
      const length = textLength(text);
      if (length > q.maxLength) return { problem: T.tooLong(length, q.maxLength) };
      return unitsLeft(text, q.maxLength) < 0 ? { problem: T.tooManyMarks() } : { value: text };
    }
    case "number": {
      const plain = typeof raw === "string" ? thousandsOrDecimals(q, raw) : null;
      // both readings, with the range: "write 2500" alone would send someone answering 0 … 50 to the next error
      if (plain !== null) return { problem: T.separator(String(raw).trim(), plain, Number(String(raw).trim().replace(",", ".")), q.min, q.max, q.decimals) };
      const n = asNumber(raw);
      if (n === null || n.x < q.min || n.x > q.max) return { problem: T.numberRange(q.min, q.max, q.decimals) };
      if (n.decimals > q.decimals) return { problem: T.decimals(q.decimals) };
      // stored with exactly the allowed decimals (a JSON 0.30000000000000004 is stored as 0.3)
      return { value: roundTo(n.x, q.decimals) };
    }
    case "choice": {
      const hit = q.options.find((o) => o.value === raw);
      return hit ? { value: hit.value } : { problem: T.chooseOption() };
    }
    case "likert": {
      const x = typeof raw === "number" ? raw : NaN;
      return Number.isInteger(x) && x >= 1 && x <= q.points ? { value: x } : { problem: T.chooseScale(q.points) };
    }
  }
}

/** Check every answer; ids that are not questions are refused (they would be lost otherwise). */
export function checkSurveyAnswers(questions: readonly SurveyQuestion[], raw: Readonly<Record<string, unknown>>): SurveyCheck {
  // keys come from the network: a null-prototype record, so "__proto__" is a key like any other
  const problems: Record<string, Worded> = Object.create(null);
  const answers: SurveyAnswers = {};
  const ids = new Set(questions.map((q) => q.id));
  for (const key of Object.keys(raw)) if (!ids.has(key)) problems[key] = T.unknownQuestion(key);
  for (const q of questions) {
    const r = checkAnswer(q, Object.hasOwn(raw, q.id) ? raw[q.id] : undefined);
    if ("problem" in r) problems[q.id] = r.problem;
    else answers[q.id] = r.value;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, answers };
}

/** Whether two stored answer sets are the same (a retried submission counts once). */
export function sameAnswers(a: SurveyAnswers, b: SurveyAnswers): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
