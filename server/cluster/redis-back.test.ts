/**
 * After a Redis outage: a process seen again makes the session's owner check presence (its participants
 * were marked offline meanwhile), and every participant socket on a process gets its current view (the
 * views sent during the outage never reached it). No Redis needed: fakes stand in for it.
 */
import type { Server } from "socket.io";
import { describe, expect, it, vi } from "vitest";
import { resendViews } from "./index";
import type { LeaseTable } from "./lease";
import type { LeaseRenewer } from "./lease-keeper";
import { ClusterNode } from "./node";
import type { ClusterRouter } from "./router";
import type { NodeRpc } from "./rpc";

describe("after Redis was away", () => {
  it("a process seen again after it was gone: presence is checked again for every session held here", async () => {
    const seen = [["a", "b"], ["a"], ["a"], ["a", "b"]];
    let call = 0;
    const renewer = { onLost: () => {} } as unknown as LeaseRenewer;
    const rpc = { failPeer: vi.fn() } as unknown as NodeRpc;
    const lines: string[] = [];
    const node = new ClusterNode({ markRedisReachable: async () => undefined } as unknown as LeaseTable, rpc, renewer, async () => seen[Math.min(call++, seen.length - 1)]!, { ttlMs: 3000, scanMs: 1000, bootWindowMs: null }, (l) => lines.push(l));
    node.held.set("s1", 1).set("s2", 3);
    const reconcile = vi.spyOn(node, "reconcile").mockResolvedValue();
    const watch = () => (node as unknown as { watchNodes(): Promise<void> }).watchNodes();
    await watch(); // a and b
    await watch(); // b gone: checked once
    expect(reconcile.mock.calls.map((c) => c[0])).toEqual(["s1", "s2"]);
    await watch(); // still gone: nothing new
    expect(reconcile).toHaveBeenCalledTimes(2);
    await watch(); // b back: checked again
    expect(reconcile.mock.calls.map((c) => c[0])).toEqual(["s1", "s2", "s1", "s2"]);
    expect(lines).toContain("cluster: process(es) b back; checking presence");
  });

  it("this process is never gone to itself, even when a list taken while its subscription comes back misses it", async () => {
    const seen = [["me", "b"], ["b"], ["me", "b"]];
    let call = 0;
    const renewer = { onLost: () => {} } as unknown as LeaseRenewer;
    const rpc = { failPeer: vi.fn() } as unknown as NodeRpc;
    const lines: string[] = [];
    const lease = { owner: "me", markRedisReachable: async () => undefined } as unknown as LeaseTable;
    const node = new ClusterNode(lease, rpc, renewer, async () => seen[Math.min(call++, seen.length - 1)]!, { ttlMs: 3000, scanMs: 1000, bootWindowMs: null }, (l) => lines.push(l));
    const watch = () => (node as unknown as { watchNodes(): Promise<void> }).watchNodes();
    await watch();
    await watch();
    await watch();
    expect(rpc.failPeer).not.toHaveBeenCalled();
    expect(node.isGone("me")).toBe(false);
    expect(lines.filter((l) => l.includes("me"))).toEqual([]);
  });

  it("every participant socket on this process gets its current view from the session's owner; other sockets nothing", async () => {
    const sent: [string, unknown][] = [];
    const socket = (id: string, data: Record<string, unknown>) => ({ id, data, emit: (event: string, msg: unknown) => sent.push([id, { event, msg }]) });
    const sockets = new Map([
      ["x1", socket("x1", { pid: "p1", sessionId: "s1" })],
      ["x2", socket("x2", { admin: true })],
      ["x3", socket("x3", { pid: "p9", sessionId: "gone" })],
    ]);
    const io = { of: () => ({ sockets }) } as unknown as Server;
    const router = { participantView: async (sessionId: string, pid: string) => (sessionId === "gone" ? null : { view: { pid }, serverNow: 1 }) } as unknown as ClusterRouter;
    const lines: string[] = [];
    await resendViews(io, router, (l) => lines.push(l));
    expect(sent).toEqual([["x1", { event: "p:view", msg: { view: { pid: "p1" }, serverNow: 1 } }]]);
    expect(lines).toEqual(["cluster: Redis is back; sent 1 participant(s) their current view"]);
  });
});
