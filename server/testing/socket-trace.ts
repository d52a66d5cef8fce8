import type { Socket } from "socket.io-client";

/**
 * What happened on a test player's socket, in ms since it was made: its connects, disconnects (with the
 * reason) and failed connects, and whatever the test notes besides (views, sends, answers). Printed in a
 * failure's message, so a flake in CI says what the player saw.
 */
export class SocketTrace {
  readonly lines: string[] = [];
  private readonly born = Date.now();

  constructor(socket: Socket) {
    socket.on("connect", () => this.note("connect"));
    socket.on("disconnect", (reason) => this.note(`disconnect: ${reason}`));
    socket.on("connect_error", (e) => this.note(`connect_error: ${e.message}`));
  }

  note(what: string): void {
    this.lines.push(`${Date.now() - this.born}ms ${what}`);
  }

  toString(): string {
    return this.lines.join("\n");
  }
}
