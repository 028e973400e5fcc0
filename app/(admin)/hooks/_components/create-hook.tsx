"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorCode, errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { HookForm, type HookFormValues, hookRefusalHelp, NEW_HOOK } from "./hook-form";
import { SecretReveal } from "./secret-reveal";
import type { HookCreated } from "./types";

export function CreateHook() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<HookCreated | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [last, setLast] = useState<HookFormValues>(NEW_HOOK);
  const create = useMutation(
    trpc.hook.create.mutationOptions({
      onSuccess: async (hook) => {
        setCreated(hook);
        await Promise.all([
          queryClient.invalidateQueries(trpc.hook.pathFilter()),
          queryClient.invalidateQueries(trpc.dashboard.pathFilter()),
        ]);
      },
    }),
  );

  if (created) {
    return (
      <div className="space-y-4" data-testid="hook-created">
        {created.status === "active" ? (
          <Alert tone="success">
            <strong className="font-semibold">The hook is active.</strong> The target answered the handshake
            and echoed X-Hook-Secret; the next matching contact change is delivered to it.
          </Alert>
        ) : (
          <Alert tone="warning">
            <strong className="font-semibold">The hook is unconfirmed.</strong> The target answered the
            handshake with 2xx but did not echo the X-Hook-Secret header, so nothing is delivered to it yet.
            The secret below is what the target received: paste it into the confirm form on the hook's page,
            or make the receiver echo the header and create the hook again.
          </Alert>
        )}
        <Card title={created.name ?? created.target_url} description={created.target_url}>
          <SecretReveal secret={created.secret} />
          <div className="mt-4 flex flex-wrap items-center gap-2">
            <ButtonLink href={`/hooks/${created.id}`}>Open hook</ButtonLink>
            <Button
              variant="secondary"
              onClick={() => {
                setCreated(null);
                setFormKey((key) => key + 1);
                create.reset();
              }}
            >
              Create another
            </Button>
            <CopyButton value={created.id} label="Copy hook id" />
          </div>
        </Card>
      </div>
    );
  }

  const code = errorCode(create.error);
  const help = hookRefusalHelp(code);
  return (
    <Card>
      {create.error && help ? (
        <div className="mb-5" data-testid="create-refused">
          <Alert tone="error">
            <strong className="font-semibold">{errorMessage(create.error)}</strong>
            <span className="mt-1 block">{help}</span>
          </Alert>
        </div>
      ) : null}
      <HookForm
        key={formKey}
        initial={last}
        submitLabel="Create hook"
        pendingLabel="Verifying the target…"
        pending={create.isPending}
        serverError={
          create.error && !help && fieldErrors(create.error).length === 0 ? errorMessage(create.error) : null
        }
        serverFieldErrors={help ? [] : fieldErrors(create.error)}
        note="Creating runs intent verification: Hookline POSTs a handshake to the target and waits up to 10 seconds."
        onSubmit={(values) => {
          setLast(values);
          create.mutate({
            target_url: values.target_url,
            events: values.events,
            sources: values.sources,
            payload: values.payload,
            // `text` is the alert URL's own, set in Settings: left as it is.
            format: values.format === "text" ? undefined : values.format,
            ordered: values.ordered,
            on_gone: values.on_gone,
            name: values.name || null,
          });
        }}
      />
    </Card>
  );
}
