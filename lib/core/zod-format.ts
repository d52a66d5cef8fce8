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

/** One line per issue, each naming the field: `params.alpha[1]: Too small: expected number to be >0`. */
export function formatZodError(error: z.ZodError, prefix = ""): string[] {
  return error.issues.map((i) => {
    const where = formatPath(i.path, prefix);
    return where === "" ? i.message : `${where}: ${i.message}`;
  });
}
