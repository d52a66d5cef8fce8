/**
 * The rows of the messages table (the "Send your message" step's starting/previous messages and the
 * results), transposed so that a phone needs no sideways scrolling: one column per user the numbers are
 * about, and for every sender a heading row with its proposed investments x and prices π under it, then
 * the resulting investments x̂ (eq. 10). With N users the table has N + 1 columns instead of 2N + 1.
 */
import type { ExternalityMessage } from "@/lib/mechanisms/ids/externality";

export type MessagesRow =
  /** A sender's heading (0-based user index; `you`: the viewer's own message). */
  | { kind: "sender"; user: number; you: boolean }
  /** The heading of the resulting investments x̂. */
  | { kind: "averageHeading" }
  /** A line of numbers, one per user: a sender's proposed investments, prices, or the resulting x̂. */
  | { kind: "x" | "pi" | "average"; values: readonly number[] };

export function messagesRows(messages: readonly ExternalityMessage[], x: readonly number[], me: number): MessagesRow[] {
  return [
    ...messages.flatMap((m, i): MessagesRow[] => [
      { kind: "sender", user: i, you: i === me },
      { kind: "x", values: m.x },
      { kind: "pi", values: m.pi },
    ]),
    { kind: "averageHeading" },
    { kind: "average", values: x },
  ];
}
