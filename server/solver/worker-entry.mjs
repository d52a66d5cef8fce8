// Entry of the SolverPool's worker threads: registers tsx (TypeScript, like the server itself) in this
// thread, then loads the worker. `--import tsx` in a worker's execArgv does not reach its main module.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
