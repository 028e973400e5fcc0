"use client";
// Confirms a pending hook by hand: whoever runs the receiver pastes the X-Hook-Secret its
// handshake carried, which proves the target really asked for these deliveries.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { usePermission } from "../../_components/role";

/** `shownAtCreation`: an admin made the hook, so the secret is the one the page showed them then. */
export function ActivateHook({ hookId, shownAtCreation }: { hookId: string; shownAtCreation: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState("");
  const permission = usePermission("hooks.write");
  const activate = useMutation(
    trpc.hook.activate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.hook.pathFilter()),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    activate.mutate({ id: hookId, secret });
  }
  if (!permission.allowed) return <p className="mt-3 text-sm">{permission.reason}</p>;

  return (
    <form onSubmit={submit} className="mt-3 flex flex-wrap items-start gap-2">
      <div className="min-w-72 flex-1">
        <Input
          aria-label={
            shownAtCreation
              ? "Signing secret shown when the hook was created"
              : "X-Hook-Secret the target received"
          }
          placeholder="whsec_…"
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          aria-invalid={activate.isError}
          className="font-mono"
        />
        {activate.error ? (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {errorMessage(activate.error)}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={activate.isPending || secret.trim() === ""}>
        {activate.isPending ? "Activating…" : "Activate"}
      </Button>
    </form>
  );
}
