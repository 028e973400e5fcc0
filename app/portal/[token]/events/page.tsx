// The event catalogue in the portal: every type a hook can hear, what it means, and the body a
// receiver gets for it — the same examples as the receiving guide and "Send an example event".
import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { exampleDelivery } from "@/server/delivery/delivery.examples";
import {
  EVENT_CATALOGUE,
  SUBSCRIBABLE_EVENT_TYPES,
  type SubscribableEventType,
} from "@/shared/event.catalogue";

export const metadata: Metadata = { title: "Events" };

function isSubscribable(type: string): type is SubscribableEventType {
  return (SUBSCRIBABLE_EVENT_TYPES as readonly string[]).includes(type);
}

export default function PortalEventsPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Events</h1>
        <p className="mt-1 text-sm text-slate-600">
          What a hook can subscribe to, and an example of the JSON body each delivery carries.
        </p>
      </div>
      {EVENT_CATALOGUE.map((entry) => (
        <Card key={entry.type} title={entry.type} description={entry.description}>
          {isSubscribable(entry.type) ? (
            <pre
              data-testid={`example-${entry.type}`}
              className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
            >
              {JSON.stringify(JSON.parse(exampleDelivery(entry.type, "fat").body), null, 2)}
            </pre>
          ) : (
            <p className="text-sm text-slate-500">Sent only on demand (Ping), never by a contact change.</p>
          )}
        </Card>
      ))}
    </div>
  );
}
