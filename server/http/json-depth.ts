/**
 * How deeply a JSON text nests, found by scanning it once (strings skipped), before it is parsed: a body
 * nested thousands of levels deep parses, but then overflows the stack of whatever walks it
 * (`JSON.stringify`, a structured clone to a worker, a recursive check).
 */

/** The deepest nesting of arrays and objects in `text`, or `stopAt` as soon as it reaches it. */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest >= stopAt) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
