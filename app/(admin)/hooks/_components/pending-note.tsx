import { RelativeTime } from "@/components/ui/relative-time";
import type { PendingState } from "@/server/dashboard/pending-state";

/**
 * When a pending delivery goes out: now (a worker holds it), after an earlier one (ordered hooks),
 * or at its next attempt. `next_attempt_at` alone would show a lease's expiry for the first and
 * "now" for the second.
 */
export function PendingNote({ nextAttemptAt, queue }: { nextAttemptAt: string | null; queue: PendingState }) {
  if (queue.sending) return <>sending now</>;
  if (queue.waits_for !== null) {
    return <span title="Ordered hook: one delivery at a time, in sequence">after #{queue.waits_for}</span>;
  }
  if (!nextAttemptAt) return <>queued</>;
  return (
    <>
      next <RelativeTime iso={nextAttemptAt} />
    </>
  );
}
