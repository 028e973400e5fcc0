"use client";
// Sends this hook a made-up example of an event type, marked as a test, through the real engine:
// what its receiver gets, to build and check against without making the change happen.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { SUBSCRIBABLE_EVENT_TYPES, type SubscribableEventType } from "@/shared/event.catalogue";
import { usePermission } from "../../_components/role";

export function SendExampleEvent({ hookId, disabled }: { hookId: string; disabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [event, setEvent] = useState<SubscribableEventType>("contact.created");
  const permission = usePermission("deliveries.write");
  const send = useMutation(
    trpc.delivery.sendTest.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.hook.pathFilter()),
          queryClient.invalidateQueries(trpc.dashboard.pathFilter()),
          queryClient.invalidateQueries(trpc.delivery.pathFilter()),
        ]),
    }),
  );

  function submit(form: FormEvent) {
    form.preventDefault();
    send.mutate({ hookId, event });
  }

  return (
    <Card
      title="Send an example event"
      description="A made-up contact, marked as a test, signed and logged like any delivery."
    >
      <form onSubmit={submit} className="space-y-3">
        <Field label="Example of" htmlFor="example-event-type">
          <Select
            id="example-event-type"
            value={event}
            onChange={(change) => setEvent(change.target.value as SubscribableEventType)}
          >
            {SUBSCRIBABLE_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </Select>
        </Field>
        {send.error ? <Alert tone="error">{errorMessage(send.error)}</Alert> : null}
        {send.data ? (
          <p role="status" className="text-sm text-emerald-700">
            Queued as <code className="font-mono text-xs">{send.data.delivery_id}</code>; it shows in the
            history above.
          </p>
        ) : null}
        <Button
          type="submit"
          variant="secondary"
          disabled={send.isPending || disabled || !permission.allowed}
          title={permission.reason ?? (disabled ? "Enable the hook to send it anything." : undefined)}
        >
          {send.isPending ? "Sending…" : "Send example event"}
        </Button>
        <p className="text-xs text-slate-500">
          What every type looks like, and how to verify it:{" "}
          <Link href="/docs/webhooks" className="text-brand-600 hover:underline">
            the receiving guide
          </Link>
          .
        </p>
      </form>
    </Card>
  );
}
