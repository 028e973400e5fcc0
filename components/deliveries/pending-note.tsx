import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import type { PendingState } from "@/shared/pending-state";
import { DeliveryStatusBadge } from "./delivery-badges";

/**
 * When a pending delivery goes out: now (a worker holds it), after an earlier one (ordered hooks),
 * or at its next attempt. `next_attempt_at` alone would show a lease's expiry for the first and
 * "now" for the second.
 */
export function PendingNote({
  hookId,
  nextAttemptAt,
  queue,
}: {
  hookId: string;
  nextAttemptAt: string | null;
  queue: PendingState;
}) {
  if (queue.sending) return <>sending now</>;
  if (queue.waits_for !== null) {
    return (
      <span title="Ordered hook: one delivery at a time, in sequence">
        after{" "}
        <Link
          href={`/hooks/${hookId}/deliveries/${queue.waits_for.id}`}
          className="underline decoration-slate-300 underline-offset-2 hover:text-brand-700"
        >
          #{queue.waits_for.sequence}
        </Link>
      </span>
    );
  }
  if (!nextAttemptAt) return <>queued</>;
  return (
    <>
      next <RelativeTime iso={nextAttemptAt} ahead />
    </>
  );
}

/** A list's status cell: the delivery's status and, while pending, when it goes out. */
export function DeliveryState({
  hookId,
  status,
  nextAttemptAt,
  queue,
}: {
  hookId: string;
  status: string;
  nextAttemptAt: string | null;
  queue: PendingState;
}) {
  return (
    <span className="flex flex-col items-start gap-0.5">
      <DeliveryStatusBadge status={status} />
      {status === "pending" ? (
        <span className="text-xs text-slate-500" data-testid="pending-note">
          <PendingNote hookId={hookId} nextAttemptAt={nextAttemptAt} queue={queue} />
        </span>
      ) : null}
    </span>
  );
}
