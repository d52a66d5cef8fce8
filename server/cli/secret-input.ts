/**
 * A secret read from standard input, never from the command line (where shell history and `ps` keep it):
 * typed at a terminal without echo, or the first line of what is piped in.
 */

/** The first line of everything piped into standard input (a trailing `\r` dropped). */
async function firstPipedLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8").split("\n")[0]!.replace(/\r$/, "");
}

/** Characters typed but not read yet (typed ahead of a prompt). */
let typedAhead = "";

/** One line typed at the terminal, shown as nothing; Ctrl-C or Ctrl-D gives null. */
function typedLine(prompt: string): Promise<string | null> {
  const stdin = process.stdin;
  stdin.setRawMode(true); // before the prompt: whatever is typed once it shows is not echoed
  stdin.setEncoding("utf8");
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    let line = "";
    const done = (v: string | null, rest: string) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      typedAhead = rest;
      process.stderr.write("\n");
      resolve(v);
    };
    const onData = (chunk: string) => {
      const chars = Array.from(chunk);
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i]!;
        if (ch === "\r" || ch === "\n") return done(line, chars.slice(i + 1).join("").replace(/^\n/, ""));
        if (ch === "\u0003" || ch === "\u0004") return done(null, "");
        if (ch === "\u007f" || ch === "\b") line = Array.from(line).slice(0, -1).join("");
        else if (ch >= " ") line += ch;
      }
    };
    stdin.on("data", onData);
    stdin.resume();
    if (typedAhead) {
      const ahead = typedAhead;
      typedAhead = "";
      onData(ahead);
    }
  });
}

/**
 * A new secret: at a terminal, typed twice without echo (null when the two differ or the person gave up);
 * from a pipe, its first line.
 */
export async function readNewSecret(what: string): Promise<{ ok: true; value: string } | { ok: false; why: string }> {
  if (!process.stdin.isTTY) return { ok: true, value: await firstPipedLine() };
  const first = await typedLine(`New ${what}: `);
  if (first === null) return { ok: false, why: "cancelled" };
  const again = await typedLine(`The same ${what} again: `);
  if (again === null) return { ok: false, why: "cancelled" };
  if (again !== first) return { ok: false, why: `the two ${what}s differ` };
  return { ok: true, value: first };
}
