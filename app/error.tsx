"use client";
// What a page shows when rendering it failed. A lost database (db/availability.ts stamps its
// errors) is a passing state, said as such and retried by itself; anything else offers a retry.
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { UNAVAILABLE_DIGEST } from "@/shared/unavailable-digest";

const RETRY_EVERY_MS = 5000;

export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const unavailable = error instanceof Error && (error as { digest?: string }).digest === UNAVAILABLE_DIGEST;
  useEffect(() => {
    if (!unavailable) return;
    const timer = setInterval(retry, RETRY_EVERY_MS);
    return () => clearInterval(timer);
  }, [unavailable, retry]);
  return (
    <div className="mx-auto mt-16 max-w-md rounded-xl bg-white shadow-sm ring-1 ring-slate-200" role="alert">
      <EmptyState
        heading="h1"
        title={unavailable ? "Hookline is temporarily unavailable" : "Something went wrong"}
        description={
          unavailable
            ? "It can't reach its database right now. This page tries again by itself every few seconds."
            : "This page could not be shown. Nothing was changed."
        }
        action={
          <Button variant="secondary" onClick={() => retry()}>
            Try again
          </Button>
        }
      />
    </div>
  );
}
