// `npm start` stopped with SIGTERM (a supervisor, `kill <pid of npm>`): npm passes the signal to its `sh -c`,
// which dies without passing it on, so scripts/start.mjs and the server would be left running, re-parented
// (to PID 1 or a subreaper), still holding the port. Started by npm, start.mjs therefore watches its parent:
// once the parent it started under is gone (process.ppid changed), it stops the server as on SIGTERM.

/**
 * Call `onOrphaned` once when this process's parent changes (the parent it had at the call died), checking
 * every `everyMs`. Returns a function that stops watching. The timer does not keep the process alive.
 */
export function whenOrphaned(onOrphaned, { everyMs = 500, ppid = () => process.ppid } = {}) {
  const first = ppid();
  const timer = setInterval(() => {
    if (ppid() === first) return;
    clearInterval(timer);
    onOrphaned();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
