/**
 * Checking a participant's survey answers against the questions (the server does this for every
 * submission; the messages are shown next to each question, in the participant's words).
 */
import type { SurveyQuestion, SurveyValue } from "./questions";
import { SURVEY_REFUSALS as T, type Worded } from "./text";

export type SurveyAnswers = Record<string, SurveyValue>;

export type SurveyCheck =
  | { ok: true; answers: SurveyAnswers }
  /** One message per question id that cannot be accepted (every problem at once). */
  | { ok: false; problems: Record<string, Worded> };

const empty = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** The number in a typed text ("2", "2.5", "2,5"), or null. */
function asNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  const t = v.trim().replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

/**
 * "1.000" or "2,500": a thousands separator (German "1.000", English "2,500") or decimals? Either
 * reading would be silently wrong for someone, so when the question allows fewer than 3 decimals the
 * answer is refused with the plain number to write instead (returned here), else null. The survey page
 * sends such text as typed instead of reading it itself.
 */
export function thousandsOrDecimals(q: { decimals: number }, typed: string): string | null {
  const t = typed.trim();
  return q.decimals < 3 && /^[+-]?[1-9]\d{0,2}[.,]\d{3}$/.test(t) ? t.replace(/[.,]/, "") : null;
}

/** Decimals a number needs (0.1 → 1, 2 → 0), up to 12. */
function decimalsOf(x: number): number {
  for (let d = 0; d <= 12; d++) if (Math.abs(Math.round(x * 10 ** d) - x * 10 ** d) < 1e-7) return d;
  return 13;
}

/** The accepted value of one answer, or the message saying what to change. */
export function checkAnswer(q: SurveyQuestion, raw: unknown): { value: SurveyValue } | { problem: Worded } {
  if (empty(raw)) return q.required ? { problem: T.required() } : { value: null };
  switch (q.type) {
    case "text": {
      if (typeof raw !== "string") return { problem: T.notText() };
      const text = raw.trim();
      return text.length > q.maxLength ? { problem: T.tooLong(text.length, q.maxLength) } : { value: text };
    }
    case "number": {
      const plain = typeof raw === "string" ? thousandsOrDecimals(q, raw) : null;
      if (plain !== null) return { problem: T.thousands(plain) };
      const x = asNumber(raw);
      if (x === null || x < q.min || x > q.max) return { problem: T.numberRange(q.min, q.max, q.decimals) };
      if (decimalsOf(x) > q.decimals) return { problem: T.decimals(q.decimals) };
      return { value: x };
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
