"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { usePermission } from "../../_components/role";
import type { AutomationRule } from "./automation-form";
import { delayText } from "./delay";

const STATUS_LABEL = { subscribed: "subscribed", unsubscribed: "unsubscribed", bounced: "bounced" } as const;

export function AutomationList({ onEdit }: { onEdit: (rule: AutomationRule) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.automation.list.queryOptions(undefined, { refetchInterval: 15_000 }));
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const write = usePermission("automations.write");
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.automation.list.queryKey() });
  const pause = useMutation(trpc.automation.pause.mutationOptions({ onSuccess: invalidate }));
  const resume = useMutation(trpc.automation.resume.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(
    trpc.automation.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(null);
        await invalidate();
      },
    }),
  );
  const list = rules.data ?? [];

  return (
    <Card title="Rules" description="Each rule acts once per tagging of a contact." padded={false}>
      {list.length === 0 ? (
        <EmptyState
          title="No rules yet"
          description="Create one on the left; it starts with the next tagging."
        />
      ) : (
        <ul className="divide-y divide-slate-100">
          {list.map((rule) => {
            const busy =
              (pause.isPending && pause.variables?.id === rule.id) ||
              (resume.isPending && resume.variables?.id === rule.id);
            return (
              <li key={rule.id} className="flex items-start justify-between gap-4 px-5 py-4">
                <div className="min-w-0 flex-1">
                  <div className="flex items-center gap-2">
                    <span className="font-medium text-slate-900">{rule.name}</span>
                    <Badge tone={rule.status === "active" ? "green" : "neutral"}>
                      {rule.status === "active" ? "Active" : "Paused"}
                    </Badge>
                  </div>
                  <p className="mt-1 text-sm text-slate-600">
                    When a contact gets <Badge tone="brand">{rule.trigger_tag}</Badge>,{" "}
                    {delayText(rule.delay_minutes)}
                    {rule.set_status ? (
                      <>
                        {" "}
                        set the status to{" "}
                        <strong className="font-medium">{STATUS_LABEL[rule.set_status]}</strong>
                      </>
                    ) : null}
                    {rule.set_status && rule.add_tag ? " and" : null}
                    {rule.add_tag ? (
                      <>
                        {" "}
                        add <Badge tone="brand">{rule.add_tag}</Badge>
                      </>
                    ) : null}
                    .
                  </p>
                  <p className="mt-1 text-xs text-slate-500">
                    Changed {rule.applied_count} {rule.applied_count === 1 ? "contact" : "contacts"} so far.
                  </p>
                </div>
                <div className="flex shrink-0 gap-2">
                  {rule.status === "active" ? (
                    <Button
                      variant="secondary"
                      size="sm"
                      disabled={busy || !write.allowed}
                      title={write.reason}
                      onClick={() => pause.mutate({ id: rule.id })}
                    >
                      Pause
                    </Button>
                  ) : (
                    <Button
                      variant="secondary"
                      size="sm"
                      disabled={busy || !write.allowed}
                      title={write.reason}
                      onClick={() => resume.mutate({ id: rule.id })}
                    >
                      Resume
                    </Button>
                  )}
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={!write.allowed}
                    title={write.reason}
                    onClick={() => onEdit(rule)}
                    aria-label={`Edit ${rule.name}`}
                  >
                    Edit
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={!write.allowed}
                    title={write.reason}
                    onClick={() => setDeleting({ id: rule.id, name: rule.name })}
                  >
                    Delete
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ""}”?`}
        confirmLabel="Delete rule"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        The rule stops at once. Contacts it already changed keep their changes.
      </ConfirmDialog>
    </Card>
  );
}
