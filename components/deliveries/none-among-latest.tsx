"use client";
// A status or event-type filter has no index, so a page looks at the newest 5,000 deliveries only
// (LOG_SCAN_WINDOW on the server) and says so when none of them matched: older ones may still.
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export function NoneAmongLatest({ onSearchOlder }: { onSearchOlder: () => void }) {
  return (
    <EmptyState
      title="None among the latest deliveries"
      description="The newest 5,000 deliveries hold no match. Search older ones below."
      action={
        <Button variant="secondary" onClick={onSearchOlder}>
          Search older deliveries
        </Button>
      }
    />
  );
}
