/** The figures committed under docs/figures/ are what `mechlab figures` computes now (CSV compared cell by cell). */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cipPaperFigures } from "../../lib/figures/cip";
import { idsPaperFigures } from "../../lib/figures/ids";
import { figureCsv } from "./write";

const DIR = join(import.meta.dirname, "../../docs/figures");
const figures = [...cipPaperFigures(), ...idsPaperFigures()];

describe("docs/figures", () => {
  it("holds an SVG and a CSV for every figure and nothing else", () => {
    expect(readdirSync(DIR).sort()).toEqual(figures.flatMap((f) => [`${f.id}.csv`, `${f.id}.svg`]).sort());
  });
  it.each(figures.map((f) => [f.id, f] as const))("%s.csv is current (regenerate: npx mechlab figures cip|ids --out docs/figures)", (id, f) => {
    const cells = (text: string) => text.trimEnd().split("\r\n").map((l) => l.split(","));
    const committed = cells(readFileSync(join(DIR, `${id}.csv`), "utf8"));
    const now = cells(figureCsv(f));
    expect(committed.length).toBe(now.length);
    committed.forEach((row, i) =>
      row.forEach((cell, j) => {
        const [a, b] = [Number(cell), Number(now[i]![j])];
        if (cell !== "" && Number.isFinite(a) && Number.isFinite(b)) expect(Math.abs(a - b), `${id} row ${i} col ${j}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
        else expect(cell, `${id} row ${i} col ${j}`).toBe(now[i]![j]);
      }),
    );
  });
});
