"use client";
/**
 * Vega, Vega-Lite and the CSP-safe expression interpreter, loaded on first use (dynamic import), so
 * only the pages that draw charts (monitor, projector) download them — never participant pages.
 */
export type VegaModules = {
  vega: typeof import("vega");
  compile: (typeof import("vega-lite"))["compile"];
  expressionInterpreter: (typeof import("vega-interpreter"))["expressionInterpreter"];
};

let loading: Promise<VegaModules> | null = null;

export function loadVega(): Promise<VegaModules> {
  loading ??= Promise.all([import("vega"), import("vega-lite"), import("vega-interpreter")]).then(([vega, vl, interp]) => ({
    vega,
    compile: vl.compile,
    expressionInterpreter: interp.expressionInterpreter,
  }));
  return loading;
}
