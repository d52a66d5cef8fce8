/** The shipped example treatments under examples/treatments/. */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const DIR = resolve(import.meta.dirname, "../../examples/treatments");

export interface ExampleTreatment {
  file: string;
  name: string;
  game: string;
  description: string;
  treatment: Record<string, unknown>;
}

export function listExamples(): ExampleTreatment[] {
  let files: string[] = [];
  try {
    files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    try {
      const t = JSON.parse(readFileSync(join(DIR, file), "utf8")) as Record<string, unknown>;
      return [{ file, name: String(t.name ?? file), game: String(t.game ?? ""), description: String(t.description ?? ""), treatment: t }];
    } catch {
      return [];
    }
  });
}
