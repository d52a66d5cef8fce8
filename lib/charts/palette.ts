/**
 * The charts' colours: a colour-blind-safe palette (Okabe–Ito, black last). A series with a fixed
 * `color` (lib/charts/types.ts) keeps it in every chart it appears in; the others take the palette's
 * colours in order, skipping the fixed ones (lib/charts/specs/vega-lite.ts, `seriesColors`).
 */
export const CHART_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"] as const;
