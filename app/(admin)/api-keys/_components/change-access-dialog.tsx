"use client";
// Narrowing or widening what an existing key may do; it applies from the key's next request.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import type { RouterOutputs } from "@/components/trpc/router-types";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { type ScopeChoice, ScopePicker, scopeChoiceProblem } from "./scope-picker";

type ApiKey = RouterOutputs["apiKey"]["list"][number];

export function ChangeAccessDialog({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [scopes, setScopes] = useState<ScopeChoice>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation(
    trpc.apiKey.changeScopes.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.apiKey.list.pathFilter());
        onClose();
      },
    }),
  );

  // Each opening starts from the key's current access.
  useEffect(() => {
    setScopes(apiKey?.scopes ?? null);
    setProblem(null);
  }, [apiKey]);

  return (
    <ConfirmDialog
      open={apiKey !== null}
      title={`Access of "${apiKey?.name ?? ""}"`}
      tone="primary"
      confirmLabel="Save access"
      pendingLabel="Saving…"
      pending={change.isPending}
      error={change.error ? errorMessage(change.error) : null}
      onConfirm={() => {
        const missing = scopeChoiceProblem(scopes);
        if (missing) return setProblem(missing);
        if (apiKey) change.mutate({ id: apiKey.id, scopes });
      }}
      onClose={() => {
        change.reset();
        onClose();
      }}
    >
      <p className="mb-4">
        The key keeps working with the new access from its next request; a call outside it gets 403.
      </p>
      <ScopePicker
        legend="May use"
        value={scopes}
        onChange={(next) => {
          setScopes(next);
          setProblem(null);
        }}
        error={problem}
      />
    </ConfirmDialog>
  );
}
