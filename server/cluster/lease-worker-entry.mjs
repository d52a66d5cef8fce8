// Entry of the lease keeper's worker thread (server/cluster/lease-keeper.ts): registers tsx (TypeScript,
// like the server itself) in this thread, then loads the worker.
import { register } from "tsx/esm/api";

register();
await import("./lease-worker.ts");
