"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorCode, errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { usePermission } from "../../_components/role";

function useSavedAlertUrl() {
  const trpc = useTRPC();
  return useQuery(trpc.alert.alertUrl.queryOptions());
}

type SavedAlertUrl = NonNullable<ReturnType<typeof useSavedAlertUrl>["data"]>;

/**
 * Where hooks disabled and deliveries exhausted are posted as chat messages ({"text": …}). The
 * server checks the URL as it checks every hook's target; its answer lands on the field.
 */
export function AlertsCard() {
  const current = useSavedAlertUrl();
  const description =
    "Hooks disabled and deliveries that gave up are listed under Notifications; an alert URL gets each as a chat message too.";
  return (
    <Card title="Alerts" description={description}>
      {current.data ? (
        <AlertUrlForm saved={current.data} />
      ) : current.error ? (
        <Alert tone="error">{errorMessage(current.error)}</Alert>
      ) : (
        <p className="text-sm text-slate-500">Loading…</p>
      )}
    </Card>
  );
}

/**
 * The field starts from the saved URL and is the user's from then on: shown only once that value
 * is loaded, so an answer arriving late never overwrites what was typed.
 */
function AlertUrlForm({ saved }: { saved: SavedAlertUrl }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const permission = usePermission("settings.write");
  const [url, setUrl] = useState(saved.url ?? "");
  const save = useMutation(
    trpc.alert.saveAlertUrl.mutationOptions({
      onSuccess: (answer) => queryClient.setQueryData(trpc.alert.alertUrl.queryKey(), answer),
    }),
  );
  const fieldError =
    fieldErrors(save.error).find((detail) => detail.path === "url")?.message ??
    (errorCode(save.error) === "target_not_allowed" ? errorMessage(save.error) : undefined);
  const otherError = save.error && !fieldError ? errorMessage(save.error) : null;

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ url });
      }}
    >
      {/* A disabled fieldset disables every control in it: read-only for who may not save. */}
      <fieldset disabled={!permission.allowed} className="space-y-4">
        <Field
          label="Alert URL"
          htmlFor="alert-url"
          error={fieldError}
          hint='An incoming webhook of Slack, Mattermost or Discord (its /slack URL): it receives {"text": "…"}. Empty: none.'
        >
          <Input
            id="alert-url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="https://hooks.slack.com/services/…"
            autoComplete="off"
            className="font-mono"
          />
        </Field>
      </fieldset>
      {saved.hook_id ? (
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <Badge tone={saved.status === "active" ? "green" : "red"}>
            {saved.status === "active" ? "Sending" : "Disabled"}
          </Badge>
          Sent like any hook's deliveries, retried and logged:{" "}
          <Link href={`/hooks/${saved.hook_id}`} className="font-medium text-brand-600 hover:underline">
            its delivery history
          </Link>
        </p>
      ) : null}
      {otherError ? <Alert tone="error">{otherError}</Alert> : null}
      {save.isSuccess && !save.isPending ? (
        <Alert tone="success">{save.data.url ? "Saved." : "Removed: no alert URL."}</Alert>
      ) : null}
      <Button
        type="submit"
        variant="secondary"
        disabled={save.isPending || !permission.allowed}
        title={permission.reason}
      >
        {save.isPending ? "Saving…" : "Save alert URL"}
      </Button>
    </form>
  );
}
