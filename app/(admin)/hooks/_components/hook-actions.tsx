"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { quantity } from "@/components/ui/quantity";
import { usePermission } from "../../_components/role";

function PauseIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
      <path d="M6 4h3v12H6zM11 4h3v12h-3z" />
    </svg>
  );
}

function PlayIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
      <path d="M6 4l10 6-10 6z" />
    </svg>
  );
}

function TrashIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      className="h-4 w-4"
    >
      <path d="M4 6h12M8 6V4h4v2M6 6l1 10h6l1-10" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * Enable/disable and delete (with confirmation). `compact` is the list row's icon-only form (each
 * button still named for screen readers and with a tooltip); the detail page uses words.
 */
export function HookActions({
  hook,
  size = "sm",
  compact = false,
  onDeleted,
}: {
  hook: {
    id: string;
    status: string;
    name: string | null;
    target_url: string;
    disabled_at?: string | null;
  };
  size?: "sm" | "md";
  compact?: boolean;
  onDeleted?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // Enabling a hook whose queue was cancelled when it was disabled (a 410 does that) offers to send
  // those deliveries again: the number, and a box ticked by default.
  const [resend, setResend] = useState<{ count: number; checked: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.hook.pathFilter()),
      queryClient.invalidateQueries(trpc.dashboard.pathFilter()),
      queryClient.invalidateQueries(trpc.delivery.pathFilter()),
    ]);
  const toggle = useMutation(
    (hook.status === "disabled" ? trpc.hook.enable : trpc.hook.disable).mutationOptions({
      onSuccess: () => {
        setError(null);
        return refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const remove = useMutation(
    trpc.hook.delete.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        onDeleted?.();
        await refresh();
      },
    }),
  );
  const recover = useMutation(trpc.delivery.recover.mutationOptions());
  const cancelledSince = hook.disabled_at ?? null;
  const countCancelled = useMutation({
    mutationFn: (since: string) =>
      queryClient.fetchQuery(
        trpc.delivery.recoverCount.queryOptions(
          { hookId: hook.id, since, status: "cancelled" },
          { staleTime: 0 },
        ),
      ),
    onSuccess: ({ count }) =>
      count > 0 ? setResend({ count, checked: true }) : toggle.mutate({ id: hook.id }),
    onError: (e) => setError(errorMessage(e)),
  });
  async function enableAndResend(again: boolean) {
    await toggle.mutateAsync({ id: hook.id });
    if (again && cancelledSince) {
      await recover.mutateAsync({ hookId: hook.id, since: cancelledSince, status: "cancelled" });
      await refresh();
    }
    setResend(null);
  }
  const label = hook.name ?? hook.target_url;
  const enabling = hook.status === "disabled";
  const write = usePermission("hooks.write");

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <span className={`inline-flex items-center justify-end ${compact ? "gap-1" : "gap-2"}`}>
        <Button
          variant="secondary"
          size={size}
          onClick={() =>
            enabling && cancelledSince
              ? countCancelled.mutate(cancelledSince)
              : toggle.mutate({ id: hook.id })
          }
          disabled={toggle.isPending || countCancelled.isPending || !write.allowed}
          aria-label={`${enabling ? "Enable" : "Disable"} ${label}`}
          title={write.reason ?? (compact ? (enabling ? "Enable" : "Disable") : undefined)}
        >
          {compact ? (
            enabling ? (
              <PlayIcon />
            ) : (
              <PauseIcon />
            )
          ) : toggle.isPending ? (
            "Saving…"
          ) : enabling ? (
            "Enable"
          ) : (
            "Disable"
          )}
        </Button>
        <Button
          variant="ghost"
          size={size}
          className="text-red-700 hover:bg-red-50 hover:text-red-800"
          onClick={() => {
            remove.reset();
            setConfirming(true);
          }}
          disabled={!write.allowed}
          aria-label={`Delete ${label}`}
          title={write.reason ?? (compact ? "Delete" : undefined)}
        >
          {compact ? <TrashIcon /> : "Delete"}
        </Button>
      </span>
      {error ? (
        <span role="alert" className="max-w-60 text-right text-xs whitespace-normal text-red-600">
          {error}
        </span>
      ) : null}
      <ConfirmDialog
        open={resend !== null}
        title="Enable this hook?"
        confirmLabel="Enable hook"
        pendingLabel="Enabling…"
        tone="primary"
        pending={toggle.isPending || recover.isPending}
        error={toggle.error || recover.error ? errorMessage(toggle.error ?? recover.error) : null}
        onConfirm={() => void enableAndResend(resend?.checked ?? false).catch(() => {})}
        onClose={() => setResend(null)}
      >
        <p>New contact changes are delivered to it again from now on.</p>
        <label className="mt-3 flex items-start gap-2">
          <input
            type="checkbox"
            className="mt-0.5 accent-brand-600"
            checked={resend?.checked ?? false}
            onChange={(event) => setResend(resend && { ...resend, checked: event.target.checked })}
          />
          <span>
            Also send the {quantity(resend?.count ?? 0, "delivery", "deliveries")} cancelled when it was
            disabled
          </span>
        </label>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming}
        title="Delete this hook?"
        confirmLabel="Delete hook"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate({ id: hook.id })}
        onClose={() => setConfirming(false)}
      >
        <p>
          <span className="font-mono break-all">{hook.target_url}</span> stops receiving deliveries at once.
          Its pending deliveries are cancelled and its delivery history is deleted with it. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </span>
  );
}
