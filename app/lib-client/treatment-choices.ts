/** The study export's treatments: one per name and game, the game named where one name has several. */
export function treatmentChoices(rows: readonly { name: string; gameId: string }[]): { key: string; name: string; gameId: string; label: string }[] {
  const games = new Map<string, Set<string>>();
  for (const r of rows) (games.get(r.name) ?? games.set(r.name, new Set()).get(r.name)!).add(r.gameId);
  const out: { key: string; name: string; gameId: string; label: string }[] = [];
  for (const [name, ids] of [...games].sort(([a], [b]) => a.localeCompare(b)))
    for (const gameId of [...ids].sort()) out.push({ key: `${gameId}:${name}`, name, gameId, label: ids.size > 1 ? `${name} (${gameId})` : name });
  return out;
}
