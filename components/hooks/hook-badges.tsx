import { Badge, type BadgeTone } from "@/components/ui/badge";
import { disabledReasonText } from "./disabled-reason";

const STATUS: Record<string, { tone: BadgeTone; label: string }> = {
  active: { tone: "green", label: "Active" },
  // "Pending" in the API; here the word is kept for deliveries only if at all: this one awaits its
  // target's confirmation of the intent handshake.
  pending: { tone: "amber", label: "Unconfirmed" },
  disabled: { tone: "neutral", label: "Disabled" },
};

export function HookStatusBadge({ status, reason }: { status: string; reason?: string | null }) {
  const known = STATUS[status] ?? { tone: "neutral" as const, label: status };
  const trouble =
    status === "disabled" && (reason === "gone" || reason === "failing" || reason === "key_revoked");
  return (
    <span title={status === "disabled" ? disabledReasonText(reason) : undefined}>
      <Badge tone={trouble ? "red" : known.tone}>{known.label}</Badge>
    </span>
  );
}

/** Mirrors PENDING_COUNT_CAP in server/hooks/hook.stats.ts: counting stops there. */
const PENDING_COUNT_CAP = 10_000;

export function formatPending(pending: number): string {
  return pending >= PENDING_COUNT_CAP
    ? `${PENDING_COUNT_CAP.toLocaleString("en")}+`
    : pending.toLocaleString("en");
}

/**
 * What a hook's pending count means. An ordered hook sends one delivery at a time, lowest sequence
 * first: the rest of its queue waits behind that one, whatever their retry times say.
 */
export function pendingHint(pending: number, ordered: boolean): string {
  if (!ordered || pending < 2) return "waiting to be sent or retried";
  if (pending >= PENDING_COUNT_CAP) return "ordered: all but the oldest held behind it";
  return `ordered: ${(pending - 1).toLocaleString("en")} held behind the oldest`;
}
