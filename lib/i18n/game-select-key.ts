/** "ids-investment" → "idsInvestment": a game id as an ICU select key (the cases of `report.facts.gameTitle`). */
export const gameSelectKey = (id: string) => id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
