"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CreateHookForm } from "@/components/hooks/create-hook-form";
import { HookCreated } from "@/components/hooks/hook-created";
import { type HookFormValues, NEW_HOOK } from "@/components/hooks/hook-form";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";

export function CreateHook() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [last, setLast] = useState<HookFormValues>(NEW_HOOK);
  const create = useMutation(
    trpc.hook.create.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.hook.pathFilter()),
          queryClient.invalidateQueries(trpc.dashboard.pathFilter()),
        ]),
    }),
  );

  if (create.data) {
    return (
      <HookCreated
        hook={create.data}
        openHref={`/hooks/${create.data.id}`}
        doneLabel="Create another"
        onDone={() => create.reset()}
      />
    );
  }
  return (
    <Card>
      <CreateHookForm
        initial={last}
        pending={create.isPending}
        error={create.error}
        note="Creating runs intent verification: Hookline POSTs a handshake to the target and waits up to 10 seconds."
        onCreate={(input, values) => {
          setLast(values);
          create.mutate(input);
        }}
      />
    </Card>
  );
}
