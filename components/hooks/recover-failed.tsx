"use client";
// Sends again every delivery of a hook that failed since a time: first counts them, then asks,
// and only sends once the person has seen how many it would be. The admin's hook page and the
// portal's each bring their own procedures (`countSince`, `recoverSince`).
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input } from "@/components/ui/field";
import { quantity } from "@/components/ui/quantity";

/** A datetime-local value for an hour ago, in the browser's zone. */
function anHourAgo(): string {
  const date = new Date(Date.now() - 3600_000);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function RecoverFailed({
  countSince,
  recoverSince,
  disabledReason,
}: {
  /** How many failed deliveries since `since` (an ISO time) would be sent again. */
  countSince: (since: string) => Promise<number>;
  /** Sends them again; answers how many were queued. */
  recoverSince: (since: string) => Promise<{ requeued: number }>;
  /** Why it can't be done (a role that may not); undefined when it can. */
  disabledReason?: string | undefined;
}) {
  const id = useId();
  const [since, setSince] = useState(anHourAgo);
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ since: string; count: number } | null>(null);
  const count = useMutation({
    mutationFn: countSince,
    onSuccess: (found, iso) => (found > 0 ? setAsking({ since: iso, count: found }) : null),
  });
  const recover = useMutation({ mutationFn: recoverSince, onSuccess: () => setAsking(null) });

  function submit(event: FormEvent) {
    event.preventDefault();
    const date = new Date(since);
    if (!since || Number.isNaN(date.getTime())) {
      setProblem("Pick a date and time.");
      return;
    }
    setProblem(null);
    recover.reset();
    count.mutate(date.toISOString());
  }

  return (
    <Card title="Recover failed deliveries" description="Send again every delivery that failed since a time.">
      <form className="space-y-3" onSubmit={submit} noValidate>
        <div className="max-w-xs">
          <Field
            label="Failed since"
            htmlFor={`${id}-since`}
            error={problem ?? undefined}
            hint="Your local time."
          >
            <Input
              id={`${id}-since`}
              type="datetime-local"
              value={since}
              onChange={(event) => setSince(event.target.value)}
              aria-invalid={!!problem}
            />
          </Field>
        </div>
        {count.error ? <Alert tone="error">{errorMessage(count.error)}</Alert> : null}
        {count.data === 0 && !recover.data ? (
          <Alert tone="info">No failed deliveries since then.</Alert>
        ) : null}
        {recover.data ? (
          <Alert tone="success">
            {quantity(recover.data.requeued, "delivery", "deliveries")} queued again.
          </Alert>
        ) : null}
        <Button
          type="submit"
          variant="secondary"
          disabled={count.isPending || disabledReason !== undefined}
          title={disabledReason}
        >
          {count.isPending ? "Counting…" : "Recover failed since…"}
        </Button>
      </form>
      <ConfirmDialog
        open={asking !== null}
        title={`Send ${quantity(asking?.count ?? 0, "failed delivery", "failed deliveries")} again?`}
        confirmLabel={`Send ${quantity(asking?.count ?? 0, "delivery", "deliveries")}`}
        pendingLabel="Queuing…"
        tone="primary"
        pending={recover.isPending}
        error={recover.error ? errorMessage(recover.error) : null}
        onConfirm={() => asking && recover.mutate(asking.since)}
        onClose={() => setAsking(null)}
      >
        <p>
          Each goes out again at once, with its original webhook-id, so a receiver that already has it can
          tell.
        </p>
      </ConfirmDialog>
    </Card>
  );
}
