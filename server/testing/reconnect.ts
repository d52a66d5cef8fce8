import type { Socket } from "socket.io-client";

/**
 * Connect again when the server closed the socket on purpose ("io server disconnect"), as the
 * participant's page does (app/lib-client/use-participant.ts). Socket.IO's own reconnection covers a
 * lost connection, not a close by the server; a cluster process that cannot place a session yet (its
 * lease being taken over, or the session just created on another process) closes the socket, and a
 * test's player that did not come back stayed without a view and timed the test out.
 */
export function reconnectWhenServerCloses(socket: Socket, delayMs = 200): Socket {
  socket.on("disconnect", (reason) => {
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), delayMs);
  });
  return socket;
}
