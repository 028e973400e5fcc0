import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<string, BadgeTone> = {
  draft: "neutral",
  queued: "amber",
  running: "brand",
  completed: "green",
  failed: "red",
};
const LABELS: Record<string, string> = {
  draft: "Not started",
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
};

export function ImportStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "neutral"}>{LABELS[status] ?? status}</Badge>;
}
