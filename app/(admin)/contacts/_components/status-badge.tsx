import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ContactStatusValue } from "./contacts-filter";

const TONES: Record<ContactStatusValue, BadgeTone> = {
  subscribed: "green",
  unsubscribed: "neutral",
  bounced: "red",
};

const LABELS: Record<ContactStatusValue, string> = {
  subscribed: "Subscribed",
  unsubscribed: "Unsubscribed",
  bounced: "Bounced",
};

export function StatusBadge({ status }: { status: ContactStatusValue }) {
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}

export function statusLabel(status: ContactStatusValue): string {
  return LABELS[status];
}
