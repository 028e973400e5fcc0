// How a delivery's state and a receiver's answer look wherever deliveries are listed.
import { Badge, type BadgeTone } from "@/components/ui/badge";

const DELIVERY: Record<string, BadgeTone> = {
  delivered: "green",
  pending: "amber",
  failed: "red",
  cancelled: "neutral",
};

/** The API's "pending" delivery is one waiting to be sent or retried: "queued" says so. */
const LABEL: Record<string, string> = { pending: "queued" };

export function DeliveryStatusBadge({ status }: { status: string }) {
  return <Badge tone={DELIVERY[status] ?? "neutral"}>{LABEL[status] ?? status}</Badge>;
}

/** An HTTP status code, coloured by class; "—" when there was no answer. */
export function StatusCode({ code }: { code: number | null | undefined }) {
  if (code === null || code === undefined) return <span className="text-slate-400">—</span>;
  const tone: BadgeTone = code >= 200 && code < 300 ? "green" : code === 410 ? "violet" : "red";
  return (
    <Badge tone={tone} className="font-mono">
      {code}
    </Badge>
  );
}
