import type { z } from "zod";

/** Render a zod path like ["params","W",2] as `params.W[2]`. */
export function formatPath(path: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** What a zod type name asks for, in words ("a number", "text in quotes", …). */
const WANTED: Readonly<Record<string, string>> = {
  string: 'text in quotes, like "…"',
  number: "a number",
  int: "a whole number",
  nan: "a number",
  boolean: "true or false",
  array: "a list like [ … ]",
  tuple: "a list like [ … ]",
  object: 'an object like { "name": value, … }',
  record: 'an object like { "name": value, … }',
  map: 'an object like { "name": value, … }',
  null: "null",
  bigint: "a whole number",
  date: "a date",
  literal: "a fixed value",
};

/** What a value zod received is, in words. */
const GOT: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  nan: "not a number",
  Infinity: "infinity",
  "-Infinity": "infinity",
  boolean: "true/false",
  array: "a list",
  object: "an object",
  null: "null",
  bigint: "a whole number",
};

/** A value to copy for a missing field: by the field's name where it is known, else by the type asked for. */
const EXAMPLE_BY_FIELD: Readonly<Record<string, string>> = {
  lowLabel: '"Strongly disagree"',
  highLabel: '"Strongly agree"',
  name: '"My treatment"',
  game: '"ids-investment"',
  params: "{ … } with the game's parameters",
  prompt: '"How old are you?"',
  question: '"What do you earn if …?"',
  id: '"age"',
};
const EXAMPLE_BY_TYPE: Readonly<Record<string, string>> = {
  string: '"…"',
  number: "1",
  int: "1",
  boolean: "true",
  array: "[ … ]",
  tuple: "[ … ]",
  object: "{ … }",
  record: "{ … }",
};

const plural = (n: number | bigint, unit: string) => `${n} ${unit}${Number(n) === 1 ? "" : "s"}`;
const UNITS: Readonly<Record<string, string>> = { string: "character", array: "item", set: "item", map: "entry", file: "byte" };
const unitsOf = (origin: string, n: number | bigint) => {
  const unit = UNITS[origin] ?? "item";
  return unit === "entry" && Number(n) !== 1 ? `${n} entries` : plural(n, unit);
};

const quoteValue = (v: unknown) => (typeof v === "string" ? `"${v}"` : String(v));

/**
 * zod's own English messages ("Invalid input: expected string, received undefined", "Too small:
 * expected number to be >=1") in plain language; a message the project wrote itself is kept as it is.
 */
export function plainMessage(issue: z.core.$ZodIssue): string {
  const m = issue.message;
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case "invalid_type": {
      const d = /^Invalid input: expected (\S+), received (\S+)$/.exec(m);
      if (!d) return m;
      const expected = issue.expected as string;
      const wanted = WANTED[expected] ?? expected;
      if (d[2] === "undefined") {
        const example = (typeof last === "string" && EXAMPLE_BY_FIELD[last]) || EXAMPLE_BY_TYPE[expected];
        if (!example) return `required, add it (${wanted})`;
        return typeof last === "string" ? `required, add it (e.g. "${last}": ${example})` : `required, add it (e.g. ${example})`;
      }
      if (expected === "int" && d[2] === "number") return "must be a whole number (no decimals)";
      return `must be ${wanted}, not ${GOT[d[2]!] ?? d[2]}`;
    }
    case "too_small": {
      if (!m.startsWith("Too small:")) return m;
      const n = issue.minimum;
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint" || issue.origin === "date")
        return issue.exact ? `must be exactly ${n}` : issue.inclusive ? `must be at least ${n}` : `must be above ${n}`;
      if (issue.origin === "string" && Number(n) === 1 && issue.inclusive !== false) return "must not be empty: write some text";
      if (issue.exact) return `must have exactly ${unitsOf(issue.origin, n)}`;
      return issue.inclusive ? `must have at least ${unitsOf(issue.origin, n)}` : `must have more than ${unitsOf(issue.origin, n)}`;
    }
    case "too_big": {
      if (!m.startsWith("Too big:")) return m;
      const n = issue.maximum;
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint" || issue.origin === "date")
        return issue.exact ? `must be exactly ${n}` : issue.inclusive ? `must be at most ${n}` : `must be below ${n}`;
      if (issue.exact) return `must have exactly ${unitsOf(issue.origin, n)}`;
      if (issue.origin === "string") return `use at most ${unitsOf(issue.origin, n)}`;
      return issue.inclusive ? `must have at most ${unitsOf(issue.origin, n)}` : `must have fewer than ${unitsOf(issue.origin, n)}`;
    }
    case "invalid_value": {
      if (!/^Invalid (input|option): expected /.test(m)) return m;
      const values = issue.values.map(quoteValue);
      return values.length === 1 ? `must be ${values[0]}` : `use one of ${values.join(", ")}`;
    }
    case "unrecognized_keys":
      if (!m.startsWith("Unrecognized key")) return m;
      return `unknown ${issue.keys.length === 1 ? "field" : "fields"} ${issue.keys.map((k) => `"${k}"`).join(", ")}: check the spelling, or remove ${issue.keys.length === 1 ? "it" : "them"}`;
    case "not_multiple_of":
      return m.startsWith("Invalid number:") ? `must be a multiple of ${issue.divisor}` : m;
    case "invalid_format":
      if (m.startsWith("Invalid string: must start with") || m.startsWith("Invalid string: must end with") || m.startsWith("Invalid string: must include"))
        return m.slice("Invalid string: ".length);
      if (m.startsWith("Invalid string: must match pattern")) return "is not written in the expected form";
      return m.startsWith("Invalid ") ? `must be a valid ${m.slice("Invalid ".length)}` : m;
    case "invalid_union":
      if (m.startsWith("Invalid discriminator value. Expected ")) return `use one of ${m.slice("Invalid discriminator value. Expected ".length).replace(/'/g, '"').split(" | ").join(", ")}`;
      return m === "Invalid input" ? "does not match any of the allowed forms" : m;
    case "invalid_key":
      return m.startsWith("Invalid key in ") ? "has a name (key) that is not allowed" : m;
    case "invalid_element":
      return m.startsWith("Invalid value in ") ? "holds a value that is not allowed" : m;
    default:
      return m === "Invalid input" ? "is not valid here" : m;
  }
}

/** One line per issue, each naming the field in plain language: `params.alpha[1]: must be above 0`. */
export function formatZodError(error: z.ZodError, prefix = ""): string[] {
  return error.issues.map((i) => {
    const where = formatPath(i.path, prefix);
    const message = plainMessage(i);
    if (where !== "") return `${where}: ${message}`;
    // a rewritten message names no field: say what it is about
    return message !== i.message && /^(must|is|has|holds) /.test(message) ? `The input ${message}` : message;
  });
}
