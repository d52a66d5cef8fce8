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

const NOT_HERE = Symbol("syntax error");

/**
 * Offset of the first character where `text` stops being JSON (text.length when it ends too early),
 * or null when it is valid. For JSON.parse messages without a position ("Unexpected token 'a', "…" is
 * not valid JSON", "Unexpected end of JSON input"); follows the JSON grammar as JSON.parse does.
 */
export function jsonSyntaxErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw NOT_HERE;
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const digits = () => {
    const start = i;
    while (i < text.length && text[i]! >= "0" && text[i]! <= "9") i++;
    if (i === start) fail();
  };
  const word = (w: string) => {
    for (const ch of w) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail();
      const ch = text[i]!;
      if (ch === '"') return void i++;
      if (ch < " ") fail();
      if (ch !== "\\") {
        i++;
        continue;
      }
      i++;
      const e = text[i];
      if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else if (e === "u") {
        i++;
        for (let k = 0; k < 4; k++) {
          if (!/[0-9a-fA-F]/.test(text[i] ?? "")) fail();
          i++;
        }
      } else fail();
    }
  };
  const number = () => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else digits();
    if (text[i] === ".") {
      i++;
      digits();
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      digits();
    }
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    }
    if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return number();
    if (ch === "t") return word("true");
    if (ch === "f") return word("false");
    if (ch === "n") return word("null");
    fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (e) {
    if (e === NOT_HERE) return Math.min(i, text.length);
    return null; // nested too deeply to scan: no position
  }
}

/** The first few characters from `offset`, on one line, to quote in a message. */
function quoteFrom(text: string, offset: number): string {
  const line = text.slice(offset).split(/\r?\n/)[0]!;
  return line.length > 20 ? `${line.slice(0, 20)}…` : line;
}

export function parseJsonText(raw: string): JsonText {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === "") return { ok: false, message: "is empty: write one JSON object { … }" };
  if (/[\u0000\uFFFD]/.test(text)) return { ok: false, message: "is not JSON text (it holds binary data, or text that is not UTF-8): give the treatment's .json file, saved as UTF-8" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const detail = (e as Error).message;
    const start = text.search(/\S/);
    const first = text[start]!;
    if (first !== "{" && first !== "[") {
      const where = lineColumn(text, start);
      if (text.startsWith("//", start) || text.startsWith("/*", start))
        return { ok: false, message: `is not valid JSON at line ${where.line}, column ${where.column}: it starts with a comment, and JSON has no comments. Remove it; the file should start with {` };
      return {
        ok: false,
        message: `is not a JSON file: it should start with { but starts with "${quoteFrom(text, start)}" (line ${where.line}, column ${where.column}). Give the treatment's .json file (a spreadsheet or CSV export is not one).`,
      };
    }
    const at = /at position (\d+)/.exec(detail);
    const offset = at ? Number(at[1]) : jsonSyntaxErrorOffset(text);
    const where = offset === null ? null : lineColumn(text, offset);
    if (/^Unexpected end of JSON input/.test(detail) || offset === text.length)
      return {
        ok: false,
        message: `is not valid JSON: it ends too early${where ? ` (line ${where.line}, column ${where.column})` : ""}. A closing }, ] or quote is missing.`,
      };
    const reason = detail
      .replace(/ after JSON at position \d+.*$/s, " after the end of the JSON: only one object { … } may be given")
      .replace(/\s*in JSON at position \d+.*$/s, "").replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, "");
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
