// Each target origin's connections, shared fairly between the hooks that send to it. Many hooks
// can share one host (two Zaps on one catch host): left to undici, one slow hook took every
// connection of the origin, and a healthy neighbour's requests queued behind it inside the pool
// with their deadline already running. Here a send waits for a connection *before* it starts, so
// undici never queues and the deadline starts when the request goes out; and no hook may take the
// whole origin:
//
// - a hook holds at most `share` of the origin's connections (three quarters);
// - the last quarter, the reserve, goes to hooks that hold few: the fewer connections are left,
//   the fewer a hook may hold to take one, and the very last only goes to a hook holding none. So
//   slow hooks, one or many, can never take the last connections, and a healthy neighbour —
//   holding none or a few, since its answers come back at once — gets one straight away;
// - when a connection frees up, the waiting hook holding the fewest goes first, equals in turn.
//
// A send that waited `maxWaitMs` gives up: the engine hands its delivery back, uncounted, for
// whoever has a connection first.

/** The most connections of an origin one hook may hold: all but the reserve (a quarter). */
export function hookShare(connections: number): number {
  return connections - reserveOf(connections);
}

function reserveOf(connections: number): number {
  return Math.floor(connections / 4);
}

interface Waiter {
  since: number;
  resolve: (got: boolean) => void;
}

interface HookAtOrigin {
  sending: number;
  waiting: Waiter[];
}

interface Origin {
  sending: number;
  hooks: Map<string, HookAtOrigin>;
  /** Hooks with a send waiting, in turn order. */
  queued: Set<HookAtOrigin>;
}

export class OriginSlots {
  readonly share: number;
  private readonly reserve: number;
  private readonly origins = new Map<string, Origin>();
  private waiters = 0;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly connections: number,
    private readonly maxWaitMs: number,
  ) {
    this.reserve = reserveOf(connections);
    this.share = connections - this.reserve;
  }

  /** Sends waiting for a connection. */
  get waiting(): number {
    return this.waiters;
  }

  /**
   * A connection of `origin` for one send of `hookId`: `true` when it may go at once, else a
   * promise of one (false: it gave up, see maxWaitMs and drain). Each true must be released.
   */
  take(originKey: string, hookId: string): true | Promise<boolean> {
    let origin = this.origins.get(originKey);
    if (!origin) {
      origin = { sending: 0, hooks: new Map(), queued: new Set() };
      this.origins.set(originKey, origin);
    }
    let hook = origin.hooks.get(hookId);
    if (!hook) {
      hook = { sending: 0, waiting: [] };
      origin.hooks.set(hookId, hook);
    }
    // Behind its own waiting sends, never ahead of them.
    if (hook.waiting.length === 0 && this.mayTake(origin, hook.sending)) {
      origin.sending += 1;
      hook.sending += 1;
      return true;
    }
    const queuedHook = hook;
    const queuedOrigin = origin;
    return new Promise<boolean>((resolve) => {
      queuedHook.waiting.push({ since: performance.now(), resolve });
      queuedOrigin.queued.add(queuedHook);
      this.waiters += 1;
      this.armSweep();
    });
  }

  release(originKey: string, hookId: string): void {
    const origin = this.origins.get(originKey);
    const hook = origin?.hooks.get(hookId);
    if (!origin || !hook) return;
    origin.sending -= 1;
    hook.sending -= 1;
    this.grantWaiting(origin);
    this.forget(originKey, origin, hookId, hook);
  }

  /** Every waiting send gives up (the engine is stopping); those on the wire keep their connections. */
  drain(): void {
    for (const origin of this.origins.values()) {
      for (const hook of origin.queued) {
        for (const waiter of hook.waiting.splice(0)) waiter.resolve(false);
      }
      origin.queued.clear();
    }
    this.waiters = 0;
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    for (const [key, origin] of this.origins) {
      for (const [hookId, hook] of origin.hooks) this.forget(key, origin, hookId, hook);
    }
  }

  /** Whether a hook holding `held` of the origin's connections may take one more now. */
  private mayTake(origin: Origin, held: number): boolean {
    const free = this.connections - origin.sending;
    if (free <= 0 || held >= this.share) return false;
    if (free > this.reserve) return true;
    // In the reserve the bar falls with every connection taken, to "holds none" for the last.
    return held < Math.max(1, Math.floor((this.share * (free - 1)) / this.reserve));
  }

  /** Hands free connections to waiting sends: the hook holding fewest first, equals in turn. */
  private grantWaiting(origin: Origin): void {
    while (origin.queued.size > 0) {
      let next: HookAtOrigin | undefined;
      for (const hook of origin.queued) if (!next || hook.sending < next.sending) next = hook;
      // mayTake only grows stricter as `held` grows: if the fewest can't, nobody can.
      if (!next || !this.mayTake(origin, next.sending)) return;
      const waiter = next.waiting.shift() as Waiter;
      origin.queued.delete(next);
      if (next.waiting.length > 0) origin.queued.add(next); // to the back of the turn
      origin.sending += 1;
      next.sending += 1;
      this.waiters -= 1;
      waiter.resolve(true);
    }
  }

  private forget(key: string, origin: Origin, hookId: string, hook: HookAtOrigin): void {
    if (hook.sending === 0 && hook.waiting.length === 0) origin.hooks.delete(hookId);
    if (origin.sending === 0 && origin.hooks.size === 0) this.origins.delete(key);
  }

  /** While sends wait, gives up on those that waited maxWaitMs (checked a few times a second). */
  private armSweep(): void {
    if (this.sweepTimer) return;
    const every = Math.max(10, Math.min(1000, this.maxWaitMs / 4));
    this.sweepTimer = setInterval(() => {
      const oldest = performance.now() - this.maxWaitMs;
      for (const [key, origin] of this.origins) {
        for (const [hookId, hook] of origin.hooks) {
          while ((hook.waiting[0]?.since ?? Number.POSITIVE_INFINITY) <= oldest) {
            (hook.waiting.shift() as Waiter).resolve(false);
            this.waiters -= 1;
          }
          if (hook.waiting.length === 0) origin.queued.delete(hook);
          this.forget(key, origin, hookId, hook);
        }
      }
      if (this.waiters === 0) {
        clearInterval(this.sweepTimer);
        this.sweepTimer = undefined;
      }
    }, every);
    this.sweepTimer.unref();
  }
}
