/** Games whose launch check draws figures (lib/figures/launch.ts); no imports, so the browser can read it cheaply. */
export const GAMES_WITH_LAUNCH_FIGURES: readonly string[] = ["cip-contracts", "ids-pivotal", "ids-externality"];

/** The heading over a game's launch-check figures. */
export const LAUNCH_FIGURES_HEADING: Readonly<Record<string, string>> = {
  "cip-contracts": "Around this treatment: the control center's utility",
  "ids-pivotal": "The paper's examples: budget and voluntary participation (this treatment's N and cost spread marked)",
  "ids-externality": "The paper's examples: budget and voluntary participation (this treatment's N and cost spread marked)",
};

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
