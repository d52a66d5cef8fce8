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
