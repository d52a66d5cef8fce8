/**
 * Checking the completion codes a panel reports against a session's payment rows.
 *
 * - **A panel's export** (a CSV whose header names a participant id column and a completion code column,
 *   as Prolific's "Participant id" and "Completion code", or MTurk's "WorkerId" and "Answer.surveycode"):
 *   each row is checked as a pair. A row matches when its code is a seat's and its participant id is that
 *   seat's panel id. The rest is reported row by row: a seat's code submitted under another participant's
 *   id (or under an id when the seat has no panel id), a row without a code, a code that is no seat's.
 * - **A plain list of codes** (one per line, or any text): every word that is a seat's code matches it,
 *   whoever submitted it; words that look like a code but are nobody's are listed.
 *
 * Either way, the seats whose code was not reported (as their own, in an export) are listed.
 */
import type { PaymentRow } from "./payments";

/** The most text the box checks (a panel's export of 100,000 submissions is about 5 MB; its code column far less). */
export const CODE_PASTE_MAX_CHARS = 2_000_000;

/** A row of a pasted export: its line in the paste (1 = the header), the participant id and code it holds. */
export interface PastedPair {
  line: number;
  id: string;
  /** Upper case; empty when the row has no code. */
  code: string;
}

export interface CodeMatch {
  /** `pairs`: a panel export, checked row by row as (participant id, code); `codes`: a plain list. */
  mode: "pairs" | "codes";
  /** The header's names of the columns read (pairs mode). */
  columns?: { id: string; code: string };
  /** Codes reported for their own seat (in pairs mode: under the seat's panel id). */
  matched: { code: string; row: PaymentRow }[];
  /** Pasted codes that match no seat (in a plain list: words that look like a code: letters and digits, the codes' length). */
  unknown: string[];
  /** Seats whose code was not reported (in pairs mode: not under their own panel id). */
  missing: PaymentRow[];
  /** Pairs mode: a seat's code submitted under another participant's id. */
  otherId: (PastedPair & { row: PaymentRow })[];
  /** Pairs mode: rows with a participant id but no code (`row`: the seat of that panel id, if any). */
  noCode: (PastedPair & { row: PaymentRow | null })[];
  /** Pairs mode: rows whose code is no seat's (`row`: the seat of that panel id, if any). */
  unknownCode: (PastedPair & { row: PaymentRow | null })[];
}

/** Why a paste cannot be checked, in words that say what to do, or null. */
export function codePasteProblem(pasted: string): string | null {
  if (pasted.length > CODE_PASTE_MAX_CHARS)
    return `That is ${(pasted.length / 1e6).toFixed(1)} million characters, more than the ${CODE_PASTE_MAX_CHARS / 1e6} million this box checks: paste only the participant id and completion code columns.`;
  if (!/[A-Za-z0-9]/.test(pasted.normalize("NFKC"))) return "Paste the completion codes first (one per line, or the panel's CSV export).";
  return null;
}

/** A header name without case, spaces and punctuation ("Participant id" → "participantid"). */
const key = (name: string) => name.normalize("NFKC").toLowerCase().replace(/[^a-z0-9]/g, "");

/** Header names of a participant id column, in order of preference. */
const ID_COLUMNS = ["participantid", "prolificpid", "prolificid", "workerid", "externalid", "participant", "pid"];
/** Header names of a completion code column, in order of preference. */
const CODE_COLUMNS = ["completioncode", "enteredcode", "answersurveycode", "surveycode", "code"];

const DELIMITERS = [",", ";", "\t"] as const;

/** Split CSV text into rows of fields (RFC 4180 quotes, which may span lines), with each row's first line. */
function csvRows(text: string, delimiter: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let cell = "";
  /** Whether the cell so far holds more than spaces (a quote there is a literal, not the start of a quoted cell). */
  let inked = false;
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && !inked) (quoted = true), (cell = ""), (inked = true);
    else if (ch === delimiter) fields.push(cell), (cell = ""), (inked = false);
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields.push(cell);
      rows.push({ line: rowLine, fields });
      fields = [];
      cell = "";
      inked = false;
      rowLine = ++line;
    } else {
      cell += ch;
      if (ch !== " " && ch !== "\t") inked = true;
    }
  }
  if (cell !== "" || fields.length > 0) fields.push(cell), rows.push({ line: rowLine, fields });
  return rows;
}

/** The delimiter used most in the first line outside quotes (a comma when none is). */
function delimiterOf(firstLine: string): string {
  const counts = DELIMITERS.map((d) => firstLine.replace(/"[^"]*"/g, "").split(d).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return counts[best]! > 0 ? DELIMITERS[best]! : ",";
}

/**
 * The (participant id, code) pairs of a panel export, or null when the paste is not one (its first line
 * does not name both a participant id column and a completion code column).
 */
export function pastedPairs(pasted: string): { columns: { id: string; code: string }; pairs: PastedPair[] } | null {
  const text = pasted.slice(0, CODE_PASTE_MAX_CHARS).normalize("NFKC").replace(/^\uFEFF/, "");
  const start = text.search(/\S/);
  if (start < 0) return null;
  const skipped = text.slice(0, start).split("\n").length - 1; // blank lines before the header
  const body = text.slice(start);
  const firstLine = body.split(/\r?\n|\r/, 1)[0]!;
  const delimiter = delimiterOf(firstLine);
  const rows = csvRows(body, delimiter);
  const header = rows[0]!.fields.map((f) => key(f));
  const pick = (names: readonly string[]) => names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  const idAt = pick(ID_COLUMNS);
  const codeAt = pick(CODE_COLUMNS);
  if (idAt < 0 || codeAt < 0 || idAt === codeAt) return null;
  const need = Math.max(idAt, codeAt) + 1;
  const pairs: PastedPair[] = [];
  for (const r of rows.slice(1)) {
    let fields = r.fields;
    // a row written with another separator than the header's (a hand-made list): read it with that one
    if (fields.length < need && fields.length === 1)
      for (const d of DELIMITERS) if (d !== delimiter && fields[0]!.includes(d)) fields = fields[0]!.split(d);
    const id = (fields[idAt] ?? "").replace(/[\u200b-\u200d\u2060\ufeff]/g, "").trim();
    const code = (fields[codeAt] ?? "").replace(/[^A-Za-z0-9]/g, "").toUpperCase();
    if (id === "" && code === "") continue;
    pairs.push({ line: r.line + skipped, id, code });
  }
  return { columns: { id: rows[0]!.fields[idAt]!.trim(), code: rows[0]!.fields[codeAt]!.trim() }, pairs };
}

/** Check a paste (a panel export or a plain list of codes) against the session's payment rows. */
export function matchCodes(pasted: string, rows: readonly PaymentRow[], studyCodes: readonly string[] = []): CodeMatch {
  const exported = pastedPairs(pasted);
  return exported ? matchPairs(exported.pairs, exported.columns, rows, studyCodes) : matchList(pasted, rows);
}

/**
 * `studyCodes`: the study-wide codes of the treatment's completion link (`studyCompletionCodes`): everyone
 * submits the same one (Prolific's own code), so such a row is matched by its participant id alone.
 */
function matchPairs(pairs: readonly PastedPair[], columns: { id: string; code: string }, rows: readonly PaymentRow[], studyCodes: readonly string[]): CodeMatch {
  const study = new Set(studyCodes.map((c) => c.toUpperCase()));
  const byCode = new Map(rows.map((r) => [r.completionCode.toUpperCase(), r]));
  const byId = new Map(rows.flatMap((r) => (r.externalId ? [[r.externalId.toLowerCase(), r] as const] : [])));
  const out: CodeMatch = { mode: "pairs", columns, matched: [], unknown: [], missing: [], otherId: [], noCode: [], unknownCode: [] };
  // by row, not participant id: a seat's person who waited out and the seat's next person share the seat's id
  const matchedSeats = new Set<PaymentRow>();
  const seen = new Set<string>();
  const unknown = new Set<string>();
  for (const p of pairs) {
    const pair = `${p.id.toLowerCase()}\u0000${p.code}`;
    if (seen.has(pair)) continue; // the same row twice counts once
    seen.add(pair);
    const idSeat = byId.get(p.id.toLowerCase()) ?? null;
    if (p.code === "") {
      out.noCode.push({ ...p, row: idSeat });
      continue;
    }
    if (study.has(p.code)) {
      if (idSeat) {
        if (!matchedSeats.has(idSeat)) out.matched.push({ code: p.code, row: idSeat });
        matchedSeats.add(idSeat);
      } else {
        out.unknownCode.push({ ...p, row: null }); // the study's code, from an id that has no seat here
        unknown.add(p.code);
      }
      continue;
    }
    const codeSeat = byCode.get(p.code);
    if (!codeSeat) {
      out.unknownCode.push({ ...p, row: idSeat });
      unknown.add(p.code);
    } else if (codeSeat === idSeat) {
      if (!matchedSeats.has(codeSeat)) out.matched.push({ code: p.code, row: codeSeat });
      matchedSeats.add(codeSeat);
    } else out.otherId.push({ ...p, row: codeSeat });
  }
  out.unknown = [...unknown];
  out.missing = rows.filter((r) => !matchedSeats.has(r));
  return out;
}

function matchList(pasted: string, rows: readonly PaymentRow[]): CodeMatch {
  const byCode = new Map(rows.map((r) => [r.completionCode.toUpperCase(), r]));
  const lengths = new Set(rows.map((r) => r.completionCode.length));
  // NFKC: full-width letters and digits (East Asian keyboards, some spreadsheets) read as ASCII ones
  const words = pasted.slice(0, CODE_PASTE_MAX_CHARS).normalize("NFKC").split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const matched: CodeMatch["matched"] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const w of words) {
    const up = w.toUpperCase();
    if (seen.has(up)) continue;
    const row = byCode.get(up);
    if (row) {
      seen.add(up);
      matched.push({ code: up, row });
    } else if (lengths.has(w.length) && /\d/.test(w) && /[A-Za-z]/.test(w)) {
      seen.add(up);
      unknown.push(w);
    }
  }
  const got = new Set(matched.map((m) => m.row));
  return { mode: "codes", matched, unknown, missing: rows.filter((r) => !got.has(r)), otherId: [], noCode: [], unknownCode: [] };
}

/** At most `max` items of a list as text, then how many more ("A, B, C and 12 more"). */
export function listSome(items: readonly string[], max = 20): string {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** A panel id whose seat was freed after its person declined or failed the quiz (lib/study/payments.ts `formerLeavers`). */
export interface FormerLeaver {
  id: string;
  left: "declined" | "quiz_failed";
}

/**
 * Who in a checked paste took no part (declined the consent or used up the quiz's attempts), so their
 * submission is no completed study: people whose seat still lists them (matched rows with `leftBeforePlay`),
 * and panel ids whose seat was freed since (`former`: reported with a code that now matches no seat). The rest
 * of the result without them: `matched` and `unknownCode` keep everyone else.
 */
export function tookNoPart(result: CodeMatch, former: readonly FormerLeaver[]): { people: string[]; matched: CodeMatch["matched"]; unknownCode: CodeMatch["unknownCode"] } {
  const left = new Map(former.map((f) => [f.id.toLowerCase(), f.left]));
  const why = (l: string) => (l === "declined" ? "declined" : "failed the quiz");
  const people: string[] = [];
  const matched = result.matched.filter((m) => {
    const l = m.row.leftBeforePlay;
    if (l !== "declined" && l !== "quiz_failed") return true;
    people.push(`seat ${m.row.seat + 1}${m.row.externalId ? ` (${m.row.externalId})` : ""}, ${why(l)}`);
    return false;
  });
  const unknownCode = result.unknownCode.filter((u) => {
    const l = u.row === null ? left.get(u.id.toLowerCase()) : undefined;
    if (l === undefined) return true;
    people.push(`line ${u.line}: ${u.id}, ${why(l)} (their seat was given to someone else)`);
    return false;
  });
  return { people, matched, unknownCode };
}
