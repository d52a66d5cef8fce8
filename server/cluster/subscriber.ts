/**
 * A Redis connection that only subscribes (the Socket.IO adapter's and the processes' request channels).
 *
 * ioredis checks a new connection with INFO (its "ready check") after an asynchronous step (reading its own
 * version for CLIENT SETINFO); a SUBSCRIBE sent in between goes out at once (Redis allows it while loading),
 * puts the connection in subscriber mode, and the INFO that follows is refused ("Connection in subscriber
 * mode, only subscriber commands may be used"): ioredis drops the connection, and the messages published
 * until it has connected and subscribed again are lost (ioredis issue 2037). On a busy machine a starting
 * process could so miss the requests of the others for seconds ("cannot be reached over Redis"), and the
 * participants it serves got no view. A connection that only subscribes needs neither check: without them
 * it is ready as soon as it connects, and a SUBSCRIBE is never followed by another command.
 */
import type { Redis } from "ioredis";

export function subscriberOf(pub: Redis): Redis {
  return pub.duplicate({ enableReadyCheck: false, disableClientInfo: true });
}
