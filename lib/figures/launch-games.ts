/** Games whose launch check draws figures (lib/figures/launch.ts); no imports, so the browser can read it cheaply. */
export const GAMES_WITH_LAUNCH_FIGURES: readonly string[] = ["cip-contracts"];

/** A launch-check figure as the admin API sends it: the SVG and the table behind it. */
export interface LaunchFigureView {
  id: string;
  title: string;
  caption: string;
  svg: string;
  columns: string[];
  rows: (number | string | boolean | null)[][];
  marker: { x: number; label: string } | null;
}
