/** Figure files: `<id>.svg` (the drawn figure) and `<id>.csv` (the table behind it), side by side. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { figureCsvColumns, type Figure } from "../../lib/figures/figure";
import { figureSpec } from "../../lib/figures/spec";
import { toCsv } from "../export/csv";
import { renderSvg } from "./svg";

/** The CSV behind a figure: one row per x value, every series and context column. */
export function figureCsv(f: Figure): string {
  return toCsv(figureCsvColumns(f), f.rows);
}

/** The SVG of a figure. */
export function figureSvg(f: Figure): Promise<string> {
  return renderSvg(figureSpec(f));
}

/** Writes `<id>.svg` and `<id>.csv` of every figure into `dir` (created if missing); returns the paths written. */
export async function writeFigures(dir: string, figures: readonly Figure[]): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const f of figures) {
    const svg = join(dir, `${f.id}.svg`);
    const csv = join(dir, `${f.id}.csv`);
    writeFileSync(svg, (await figureSvg(f)) + "\n");
    writeFileSync(csv, figureCsv(f));
    written.push(svg, csv);
  }
  return written;
}
