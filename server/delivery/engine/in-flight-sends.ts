// The sends one engine has in flight, and which of them count against its concurrency: a send out
// for over LONG_SEND_MS waits on a slow receiver and stops counting, so that slow receivers — by
// Little's law, hundreds of sends in a fleet — can't take every slot from the healthy hooks.

/** A send out this long waits on a slow receiver: it stops counting against `concurrency`. */
export const LONG_SEND_MS = 1000;

/** One send, from its dispatch until it is done. */
export interface SendTicket {
  at: number;
  done: boolean;
  long: boolean;
}

export class InFlightSends {
  private total = 0;
  /** Of `total`, the sends out for over LONG_SEND_MS. */
  private long = 0;
  /** Sends in dispatch order, until found done or long (see countLong); from `head` on. */
  private recent: SendTicket[] = [];
  private head = 0;

  /** Every send in flight, long ones included. */
  get all(): number {
    return this.total;
  }

  /** Sends in flight that count against `concurrency`: all but the long ones. */
  get busy(): number {
    return this.total - this.long;
  }

  /** A send dispatched at `at` (performance.now()). */
  start(at: number): SendTicket {
    this.total += 1;
    const ticket = { at, done: false, long: false };
    this.recent.push(ticket);
    return ticket;
  }

  /** The send is done; true when it still counted as busy (it never turned long). */
  finish(ticket: SendTicket): boolean {
    this.total -= 1;
    ticket.done = true;
    if (!ticket.long) return true;
    this.long -= 1;
    return false;
  }

  /** Moves the sends out for over LONG_SEND_MS from busy to long (oldest first; each once). */
  countLong(now: number): void {
    const recent = this.recent;
    let head = this.head;
    while (head < recent.length) {
      const entry = recent[head] as SendTicket;
      if (!entry.done) {
        if (now - entry.at < LONG_SEND_MS) break;
        entry.long = true;
        this.long += 1;
      }
      head += 1;
    }
    if (head > 1024 && head * 2 > recent.length) {
      this.recent = recent.slice(head);
      head = 0;
    }
    this.head = head;
  }

  /** When the oldest send not yet counted turns long (performance.now()), if there is one. */
  nextLongAt(): number | undefined {
    const oldest = this.recent[this.head];
    return oldest === undefined ? undefined : oldest.at + LONG_SEND_MS;
  }
}
