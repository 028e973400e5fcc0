// Which hooks the engine's next claim reads. A claim reads each hook it covers — every active one
// when it covers all — so the engine claims for every hook only on a signal that any may have due
// work, and otherwise only for the hooks with evidence of their own.

/**
 * The backstop claim's default cadence (EngineConfig.backstopClaimMs): of every hook, while the
 * loop never sleeps (its poll timer claims otherwise). Everything this worker makes due asks for a
 * claim of its hooks itself, and a ping, redelivery or recovery NOTIFYs DELIVERIES_DUE; what is
 * left is another worker's leftovers — a backlog it can't lease, or its leases after a crash.
 * Shorter, it mostly claimed for nothing.
 */
export const BACKSTOP_CLAIM_MS = 1000;
/** The claim's cadence for hooks whose backlog was seen in the last BACKLOG_SEEN_MS. */
const BACKLOG_CLAIM_EVERY_MS = 100;
const BACKLOG_SEEN_MS = 1000;

/**
 * What the next pass should claim. Every hook's due work (claimAll) after a timer (the poll, a
 * retry coming due) or a NOTIFY of deliveries made due (a ping, a redelivery, a recovery). Only
 * some hooks' (claimHook) on evidence of theirs: a claim that found their work, a fan-out that
 * left their new deliveries unleased, a written result that frees an ordered hook's next
 * delivery or is a retry due at once. What no signal announces — slots freed under a backlog,
 * another worker's leftovers — waits at most BACKLOG_CLAIM_EVERY_MS (hooks whose due work was
 * seen lately) or `backstopMs` (all).
 */
export class ClaimPlanner {
  constructor(private readonly backstopMs = BACKSTOP_CLAIM_MS) {}

  private all = true;
  private readonly hooks = new Set<string>();
  /** Hooks whose due work was seen lately, and when. */
  private readonly backlog = new Map<string, number>();
  private lastClaimAt = 0;
  private lastFullClaimAt = 0;

  /** The next pass claims every hook's due work. */
  claimAll(): void {
    this.all = true;
  }

  /** The next pass claims this hook's due work. */
  claimHook(hookId: string): void {
    this.hooks.add(hookId);
  }

  /** This hook has due work: claim it next pass, and often while its backlog lasts. */
  sawDueWork(hookId: string, now: number): void {
    this.hooks.add(hookId);
    this.backlog.set(hookId, now);
  }

  /**
   * Which hooks this pass claims for: undefined for all, null for none, and resets what asked for
   * it. `now` is Date.now().
   */
  scope(now: number): string[] | undefined | null {
    let scope: string[] | undefined | null = null;
    if (this.all || now - this.lastFullClaimAt >= this.backstopMs) {
      scope = undefined;
      this.lastFullClaimAt = now;
    } else {
      // A hook held at its in-flight limit may have due work that no signal announces when its
      // slots free up: while its backlog was seen lately, claim it often.
      if (now - this.lastClaimAt >= BACKLOG_CLAIM_EVERY_MS) {
        for (const [hookId, seen] of this.backlog) {
          if (now - seen < BACKLOG_SEEN_MS) this.hooks.add(hookId);
          else this.backlog.delete(hookId);
        }
      }
      if (this.hooks.size > 0) scope = [...this.hooks];
    }
    if (scope !== null) this.lastClaimAt = now;
    this.all = false;
    this.hooks.clear();
    return scope;
  }
}
