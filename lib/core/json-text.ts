/**
 * Reading JSON someone wrote or saved by hand (a treatment file, a pasted treatment): a leading byte
 * order mark (Windows editors write one) is ignored, and a syntax error says where it is as line and
 * column, not as a character offset.
 */
export type JsonText = { ok: true; value: unknown } | { ok: false; message: string };

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

export function parseJsonText(raw: string): JsonText {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === "") return { ok: false, message: "is empty: write one JSON object { … }" };
  if (/[\u0000\uFFFD]/.test(text)) return { ok: false, message: "is not JSON text (it holds binary data, or text that is not UTF-8): give the treatment's .json file, saved as UTF-8" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const detail = (e as Error).message;
    const at = /at position (\d+)/.exec(detail);
    const where = at ? lineColumn(text, Number(at[1])) : null;
    const reason = detail.replace(/\s*in JSON at position \d+.*$/s, "").replace(/, ".*"(\.\.\.)? is not valid JSON$/s, "");
    return {
      ok: false,
      message: `is not valid JSON${where ? ` at line ${where.line}, column ${where.column}` : ""}: ${reason}. Look for a missing comma, quote or bracket there (JSON has no comments and no comma before } or ]).`,
    };
  }
}

/** What a JSON value is, in words, for "expected an object" messages. */
export function jsonKind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list [ … ]";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}
