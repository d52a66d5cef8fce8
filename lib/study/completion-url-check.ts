/**
 * A warning for a completion link that sends mechlab's per-seat code to Prolific: Prolific recognises only
 * the completion codes set up in the study (its "Completion paths"), so `cc={code}` would make every
 * submission arrive with an unknown code (docs/running-a-study.md, "A Prolific study").
 */
export function completionUrlWarning(url: string | undefined): string | null {
  if (!url || !url.includes("{code}")) return null;
  let host: string;
  try {
    host = new URL(url.split("{code}").join("X")).hostname.toLowerCase();
  } catch {
    return null;
  }
  if (host !== "prolific.com" && !host.endsWith(".prolific.com") && host !== "prolific.co" && !host.endsWith(".prolific.co")) return null;
  return "completionUrl sends mechlab's per-seat code ({code}) to Prolific, which only recognises the completion code of your study: put that code into the link instead (e.g. …/submissions/complete?cc=C1A2B3C4; Prolific's study settings, Completion paths).";
}

/** Query parameters a panel's completion link carries its study-wide completion code in (Prolific: `cc`). */
const STUDY_CODE_PARAMS = ["cc", "code", "completion_code", "completioncode"];

/**
 * The study-wide completion codes of a completion link (e.g. Prolific's `…/complete?cc=C1A2B3C4`): every
 * participant submits the same one, so a panel's export is checked by participant id instead
 * (lib/study/code-match.ts). A value with mechlab's `{code}` is per seat, not a study code.
 */
export function studyCompletionCodes(url: string | undefined): string[] {
  if (!url) return [];
  let parsed: URL;
  try {
    parsed = new URL(url.split("{code}").join("__SEAT_CODE__"));
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const [k, v] of parsed.searchParams)
    // read as the code check reads pasted codes: letters and digits, upper case
    if (STUDY_CODE_PARAMS.includes(k.toLowerCase()) && v !== "" && !v.includes("__SEAT_CODE__")) out.push(v.replace(/[^A-Za-z0-9]/g, "").toUpperCase());
  return out;
}
