"use client";
// A link to a key's self-service portal, for an admin to hand to the integrator; and the way to
// close every such link of the key at once.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import type { RouterOutputs } from "@/components/trpc/router-types";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Select } from "@/components/ui/field";
import { AbsoluteTime } from "@/components/ui/time-zone";

type ApiKey = RouterOutputs["apiKey"]["list"][number];

const LIFETIMES = [
  { seconds: 3600, label: "1 hour" },
  { seconds: 8 * 3600, label: "8 hours" },
  { seconds: 24 * 3600, label: "24 hours" },
] as const;

export function PortalLinkDialog({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const trpc = useTRPC();
  const [seconds, setSeconds] = useState<number>(3600);
  const create = useMutation(trpc.apiKey.createPortalLink.mutationOptions());
  const revoke = useMutation(trpc.apiKey.revokePortalLinks.mutationOptions());

  const link = create.data
    ? (create.data.url ?? new URL(create.data.path, window.location.origin).toString())
    : null;
  const error = create.error ?? revoke.error;
  return (
    <ConfirmDialog
      open={apiKey !== null}
      title={`Portal link for "${apiKey?.name ?? ""}"`}
      tone="primary"
      confirmLabel={link ? "Create another link" : "Create link"}
      pendingLabel="Creating…"
      pending={create.isPending}
      error={error ? errorMessage(error) : null}
      onConfirm={() => apiKey && create.mutate({ id: apiKey.id, expires_in: seconds })}
      onClose={() => {
        // The next opening starts afresh: a link shown for one key is never shown for another.
        create.reset();
        revoke.reset();
        setSeconds(3600);
        onClose();
      }}
    >
      <p className="mb-4">
        Whoever opens the link manages this key's hooks — create, change, delete, rotate secrets, replay
        deliveries — until it expires. Nothing else of Hookline is reachable from it.
      </p>
      <Field label="Valid for" htmlFor="portal-link-lifetime">
        <Select
          id="portal-link-lifetime"
          value={seconds}
          onChange={(event) => setSeconds(Number(event.target.value))}
        >
          {LIFETIMES.map((lifetime) => (
            <option key={lifetime.seconds} value={lifetime.seconds}>
              {lifetime.label}
            </option>
          ))}
        </Select>
      </Field>
      {link && create.data ? (
        <div className="mt-4 space-y-2" data-testid="portal-link">
          <Field label="Portal link" htmlFor="portal-link-url">
            <Input id="portal-link-url" readOnly value={link} onFocus={(event) => event.target.select()} />
          </Field>
          <div className="flex items-center justify-between gap-2 text-xs text-slate-500">
            <span>
              Expires <AbsoluteTime iso={create.data.expires_at} />
            </span>
            <CopyButton value={link} label="Copy link" />
          </div>
        </div>
      ) : null}
      <div className="mt-5 flex items-center justify-between gap-3 border-t border-slate-100 pt-4">
        <p className="text-xs text-slate-500">
          {revoke.data
            ? `${revoke.data.revoked} open link${revoke.data.revoked === 1 ? "" : "s"} revoked.`
            : "Closes every link made for this key, at once."}
        </p>
        <Button
          variant="danger-ghost"
          size="sm"
          disabled={revoke.isPending}
          onClick={() => {
            if (!apiKey) return;
            create.reset();
            revoke.mutate({ id: apiKey.id });
          }}
        >
          {revoke.isPending ? "Revoking…" : "Revoke portal links"}
        </Button>
      </div>
    </ConfirmDialog>
  );
}
