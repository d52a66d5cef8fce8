/**
 * Server-side SVG of a Vega-Lite spec: compile with vega-lite, parse with `{ast: true}` and evaluate
 * expressions with vega-interpreter (no `eval`/`new Function`, the same CSP-safe path as the browser),
 * then vega's headless `View.toSVG()`. The result is a standalone <svg> element with no scripts and no
 * external references; vega escapes every text it draws.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { expressionInterpreter } from "vega-interpreter";
import { esc } from "../export/html-escape";

/** Vega-Lite's compile warnings are about the spec, not the data: collected, not printed. */
const quiet = {
  level: () => quiet,
  warn: () => quiet,
  info: () => quiet,
  debug: () => quiet,
  error: (...args: readonly unknown[]) => {
    throw new Error(args.map(String).join(" "));
  },
};

/**
 * The SVG markup of `spec` (inline data only). With `label`, the drawing is one image to assistive
 * technology, named by `label` (in the chart's language): Vega's own descriptions of its axes, legends and
 * marks ("X-axis titled …", "group mark container") are English whatever the chart's language, so they are
 * left out; the numbers are in the table that goes with each chart in the reports.
 */
export async function renderSvg(spec: TopLevelSpec, opts: { label?: string } = {}): Promise<string> {
  const runtime = vega.parse(compile(spec, { logger: quiet as never }).spec, undefined, { ast: true });
  const view = new vega.View(runtime, { renderer: "none", logLevel: vega.None, expr: expressionInterpreter as unknown as vega.ViewOptions["expr"] });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  if (opts.label === undefined) return svg;
  // vega writes these attributes with their values escaped (no '"' inside)
  const plain = svg.replace(/ (?:aria-label|aria-roledescription)="[^"]*"| role="graphics-[a-z-]+"/g, "");
  return plain.replace(/^<svg /, `<svg role="img" aria-label="${esc(opts.label)}" `);
}
