/**
 * Server-side SVG of a Vega-Lite spec: compile with vega-lite, parse with `{ast: true}` and evaluate
 * expressions with vega-interpreter (no `eval`/`new Function`, the same CSP-safe path as the browser),
 * then vega's headless `View.toSVG()`. The result is a standalone <svg> element with no scripts and no
 * external references; vega escapes every text it draws.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { expressionInterpreter } from "vega-interpreter";

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

/** The SVG markup of `spec` (inline data only). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const runtime = vega.parse(compile(spec, { logger: quiet as never }).spec, undefined, { ast: true });
  const view = new vega.View(runtime, { renderer: "none", logLevel: vega.None, expr: expressionInterpreter as unknown as vega.ViewOptions["expr"] });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
