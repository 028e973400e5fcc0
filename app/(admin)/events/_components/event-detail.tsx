"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { eventSummary, SourceBadge } from "@/components/tables/events-table";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { AbsoluteTime } from "@/components/ui/time-zone";
import { EventDeliveries } from "./event-deliveries";

const CODE =
  "max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100";

/** One event: what changed, who did it, the contact as it was, and every hook it went to. */
export function EventDetailView({ eventId }: { eventId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.event.get.queryOptions({ eventId }));
  const event = query.data;
  if (!event) {
    return query.isError ? (
      <Alert tone="error">This event could not be loaded: {errorMessage(query.error)}</Alert>
    ) : (
      <p className="text-sm text-slate-500">Loading…</p>
    );
  }
  const summary = eventSummary(event);
  const contact = event.contact_email ?? event.contact_id;

  return (
    <div className="space-y-6">
      <div>
        <Link href="/events" className="text-sm text-slate-500 hover:text-slate-800">
          ← Events
        </Link>
        <PageHeader title={event.type} description={`Event ${event.id}${summary ? ` · ${summary}` : ""}`} />
      </div>

      <Card>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-4 text-sm md:grid-cols-4">
          <div>
            <dt className="text-xs text-slate-500">Source</dt>
            <dd className="mt-1">
              <SourceBadge source={event.source} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Initiated by</dt>
            <dd className="mt-1 break-all text-slate-800">{event.actor}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Contact</dt>
            <dd className="mt-1 break-all" data-testid="event-contact">
              {event.contact_id && event.contact_exists ? (
                <Link
                  href={`/contacts/${event.contact_id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {contact}
                </Link>
              ) : contact ? (
                <span className="text-slate-500">{contact} (deleted)</span>
              ) : (
                "—"
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Time</dt>
            <dd className="mt-1" title={event.created_at}>
              <RelativeTime iso={event.created_at} /> ·{" "}
              <AbsoluteTime iso={event.created_at} className="text-slate-500" />
            </dd>
          </div>
        </dl>
      </Card>

      <Card
        title="Deliveries"
        description="One per hook that was subscribed when it happened, in the order they were made; live while this page is open."
      >
        <EventDeliveries eventId={eventId} />
      </Card>

      <Card
        title="Payload"
        description="The contact as it was right after the change: a fat delivery's data."
      >
        <div className="space-y-4">
          <pre data-testid="event-payload" className={CODE}>
            {JSON.stringify(event.payload, null, 2)}
          </pre>
          {event.detail ? (
            <div className="space-y-2">
              <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Detail</h3>
              <pre data-testid="event-detail" className={CODE}>
                {JSON.stringify(event.detail, null, 2)}
              </pre>
            </div>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
