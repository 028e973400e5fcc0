// The leases one worker holds, from the claim (or fan-out) that took them until their result or
// release is written, and the heartbeat that renews those still needed before they run out.
import type { Kysely } from "kysely";
import type { DB } from "@/db";
import { warnUnlessUnavailable } from "@/db/availability";
import { type HeldLease, renewLeases } from "./lease.queries";

/**
 * The heartbeat beats every leaseMs / HEARTBEATS_PER_LEASE and renews the leases due to run out
 * within half a lease: each live lease is renewed about once per half lease, and a delivery done
 * within half a lease (nearly all of them) costs no renewal at all — most beats send nothing.
 */
const HEARTBEATS_PER_LEASE = 5;

/**
 * Why the claim/lease protocol stays safe (DESIGN.md, docs/ARCHITECTURE.md): a delivery is claimed
 * only when due, and its lease keeps it not due until the lease runs out, so no other worker can
 * take a delivery while its lease is live; a result is written only under the lease id that sent
 * it. Renewing moves that expiry, and only for the worker whose lease id is still on the row: a
 * lease that ran out and was claimed again carries the new worker's id, so the old worker can
 * never revive it, and its late result is refused as before. Should the heartbeat stall past an
 * expiry (a long pause, the database away), another worker may send the delivery again — at least
 * once, under the same webhook-id. Leases are short so that a dead worker's deliveries, an ordered
 * hook's head among them, come due again within seconds.
 */
export class LeaseKeeper {
  readonly stats: { renewed: number };
  private readonly db: Kysely<DB>;
  private readonly leaseMs: number;
  /**
   * Each held lease, with when it runs out by this process's clock (performance.now(); never later
   * than PostgreSQL's expiry, as it is read before the statement that set it).
   */
  private readonly leases = new Map<string, { leaseId: string; expiresAt: number }>();
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;

  constructor(db: Kysely<DB>, leaseMs: number, stats: { renewed: number } = { renewed: 0 }) {
    this.db = db;
    this.leaseMs = leaseMs;
    this.stats = stats;
  }

  /** A lease taken by a statement that started at `leasedAt` (performance.now()). */
  hold(deliveryId: string, leaseId: string, leasedAt: number): void {
    this.leases.set(deliveryId, { leaseId, expiresAt: leasedAt + this.leaseMs });
    if (this.timer) return;
    this.timer = setInterval(() => void this.heartbeat(), this.leaseMs / HEARTBEATS_PER_LEASE);
    this.timer.unref();
  }

  /** Whether this lease is still ours (not written, not lost to another worker). */
  holds(deliveryId: string, leaseId: string): boolean {
    return this.leases.get(deliveryId)?.leaseId === leaseId;
  }

  /** Forgets a lease once its result or release is written (unless the delivery was leased again since). */
  forget(deliveryId: string, leaseId: string): void {
    if (this.holds(deliveryId, leaseId)) this.leases.delete(deliveryId);
  }

  /** Stops the heartbeat (the engine is done). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Renews the leases this worker still needs — sends on the wire, waiting for a connection, or
   * answered but not yet written — that run out within half a lease: one UPDATE of those rows, or
   * no statement at all when, as usual, every delivery finished well within its lease.
   */
  async heartbeat(): Promise<void> {
    if (this.beating || this.leases.size === 0) return;
    const now = performance.now();
    const due: HeldLease[] = [];
    for (const [id, lease] of this.leases) {
      if (lease.expiresAt - now < this.leaseMs / 2) due.push({ id, leaseId: lease.leaseId });
    }
    if (due.length === 0) return;
    this.beating = (async () => {
      try {
        const renewed = new Set(await renewLeases(this.db, due, this.leaseMs));
        this.stats.renewed += renewed.size;
        for (const { id, leaseId } of due) {
          const lease = this.leases.get(id);
          if (lease?.leaseId !== leaseId) continue;
          // Not renewed: written meanwhile, its hook gone, or another worker's by now. Not ours.
          if (renewed.has(id)) lease.expiresAt = now + this.leaseMs;
          else this.leases.delete(id);
        }
      } catch (error) {
        warnUnlessUnavailable("[delivery] renewing leases failed (retrying)", error);
      }
    })();
    await this.beating;
    this.beating = undefined;
  }
}
