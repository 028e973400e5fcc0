"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { AllMatching } from "./contacts-bulk-bar";

/**
 * Starts exporting every contact the filters on screen match, however many: a background job whose
 * progress and file appear in the exports list below the filters.
 */
export function ExportButton({ filter, filtered }: { filter: AllMatching["filter"]; filtered: boolean }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const start = useMutation(
    trpc.contact.startExport.mutationOptions({
      onSuccess: async () => {
        // A list read still on its way began before this export existed: drop it, then read again.
        await queryClient.cancelQueries(trpc.contact.exports.pathFilter());
        await queryClient.invalidateQueries(trpc.contact.exports.pathFilter());
      },
    }),
  );
  return (
    <div className="ml-auto flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        disabled={!hydrated || start.isPending}
        onClick={() => start.mutate({ filter })}
        title={filtered ? "Every contact matching these filters, as CSV" : "Every contact, as CSV"}
      >
        {start.isPending ? "Starting…" : filtered ? "Export matching (CSV)" : "Export CSV"}
      </Button>
      {start.error ? (
        <span role="alert" className="max-w-xs text-right text-sm text-red-700">
          {errorMessage(start.error)}
        </span>
      ) : null}
    </div>
  );
}
