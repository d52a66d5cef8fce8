/**
 * Crashes of a game module's read-only code (its `view` for a participant, its `monitor`) while the
 * server builds what a screen shows. Such a crash must not cost anyone else their view, the sender
 * their answer (the command is stored by then), or the process its life: the screen whose view failed
 * gets none, and the crash is logged once per session, game and error message (a view is built after
 * every command, so the same bug would otherwise fill the log).
 */
/** Distinct crash messages remembered per session before the memory starts again. */
export const LOGGED_MAX = 1000;

export class GameCodeErrors {
  /**
   * `game|message` of the crashes already logged; forgotten when it reaches LOGGED_MAX (a message that names
   * a changing value would otherwise grow it for as long as the session runs; each is then logged once more).
   */
  private readonly logged = new Set<string>();

  constructor(
    private readonly sessionId: string,
    private readonly gameId: string,
    private readonly log?: (line: string) => void,
  ) {}

  /** Log a crash of game code (once per message); `where` says what was being built, e.g. "view of p2". */
  report(where: string, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    const key = `${this.gameId}|${message}`;
    if (this.logged.has(key)) return;
    if (this.logged.size >= LOGGED_MAX) this.logged.clear();
    this.logged.add(key);
    const detail = e instanceof Error ? (e.stack ?? message) : message;
    this.log?.(`session=${this.sessionId} game=${this.gameId}: building the ${where} crashed (logged once per error; that screen gets no update while it does): ${detail}`);
  }

  /** `build()`, or null when game code in it throws (reported under `where`). */
  guard<T>(where: string, build: () => T): T | null {
    try {
      return build();
    } catch (e) {
      this.report(where, e);
      return null;
    }
  }
}
