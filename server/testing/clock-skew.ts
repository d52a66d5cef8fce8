// Test processes only (server/testing/cluster-node.ts imports this first): MECHLAB_TEST_CLOCK_SKEW_MS moves
// this process's Date.now by that many ms, as a machine whose clock is off (server/cluster/clock-skew.test.ts).
const skewMs = Number(process.env.MECHLAB_TEST_CLOCK_SKEW_MS ?? 0);
if (Number.isFinite(skewMs) && skewMs !== 0) {
  const real = Date.now;
  Date.now = () => real() + skewMs;
}
export {};
