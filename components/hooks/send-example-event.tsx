"use client";
// Sends a hook a made-up example of an event type, marked as a test, through the real engine: what
// its receiver gets, to build and check against without making the change happen. The admin's hook
// page and the portal's each bring their own procedure (`onSend`) and guide.
import Link from "next/link";
import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { SUBSCRIBABLE_EVENT_TYPES, type SubscribableEventType } from "@/shared/event.catalogue";

export function SendExampleEvent({
  onSend,
  pending,
  error,
  queuedId,
  disabledReason,
  guideHref,
}: {
  onSend: (event: SubscribableEventType) => void;
  pending: boolean;
  error: unknown;
  /** The delivery the last example became. */
  queuedId: string | undefined;
  /** Why it can't be sent now (a disabled hook, a role that may not); null when it can. */
  disabledReason: string | null | undefined;
  /** The receiving guide, where every type's body is shown. */
  guideHref: string;
}) {
  const id = useId();
  const [event, setEvent] = useState<SubscribableEventType>("contact.created");

  function submit(form: FormEvent) {
    form.preventDefault();
    onSend(event);
  }

  return (
    <Card
      title="Send an example event"
      description="A made-up contact, marked as a test, signed and logged like any delivery."
    >
      <form onSubmit={submit} className="space-y-3">
        <Field label="Example of" htmlFor={`${id}-type`}>
          <Select
            className="max-w-xs"
            id={`${id}-type`}
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
        {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
        {queuedId ? (
          <p role="status" className="text-sm text-emerald-700">
            Queued as <code className="font-mono text-xs">{queuedId}</code>; it shows in the delivery history.
          </p>
        ) : null}
        <Button
          type="submit"
          variant="secondary"
          disabled={pending || Boolean(disabledReason)}
          title={disabledReason ?? undefined}
        >
          {pending ? "Sending…" : "Send example event"}
        </Button>
        <p className="text-xs text-slate-500">
          What every type looks like, and how to verify it:{" "}
          <Link href={guideHref} className="text-brand-600 hover:underline">
            the receiving guide
          </Link>
          .
        </p>
      </form>
    </Card>
  );
}
