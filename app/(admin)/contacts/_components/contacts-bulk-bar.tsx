"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Select } from "@/components/ui/field";
import { TAG_SUGGESTIONS_ID } from "./tag-suggestions";

type Choice = "add_tag" | "remove_tag" | "subscribed" | "unsubscribed" | "bounced" | "delete";

const CHOICES: Array<[Choice, string]> = [
  ["add_tag", "Add a tag"],
  ["remove_tag", "Remove a tag"],
  ["unsubscribed", "Unsubscribe"],
  ["subscribed", "Resubscribe"],
  ["bounced", "Mark bounced"],
  ["delete", "Delete"],
];

export interface BulkOutcome {
  tone: "success" | "error";
  message: string;
}

/** One action on the selected contacts; each contact changes (and raises its events) as if edited alone. */
export function ContactsBulkBar({
  ids,
  onDone,
  onClear,
}: {
  ids: string[];
  onDone: (outcome: BulkOutcome) => void;
  onClear: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Choice>("add_tag");
  const [tag, setTag] = useState("");
  const [confirming, setConfirming] = useState(false);
  const bulk = useMutation(
    trpc.contact.bulk.mutationOptions({
      onSuccess: ({ done, failed }) => {
        setConfirming(false);
        setTag("");
        void queryClient.invalidateQueries(trpc.contact.list.pathFilter());
        void queryClient.invalidateQueries(trpc.contact.tags.pathFilter());
        // "Applied to": a contact that already was as asked (had the tag, say) counts, unchanged.
        const contacts = `${done} ${done === 1 ? "contact" : "contacts"}`;
        const changed = choice === "delete" ? `${contacts} deleted.` : `Applied to ${contacts}.`;
        onDone(
          failed.length === 0
            ? { tone: "success", message: changed }
            : {
                tone: "error",
                message: `${changed} ${failed.length} could not be: ${failed
                  .slice(0, 3)
                  .map((item) => item.message)
                  .join(" ")}`,
              },
        );
      },
    }),
  );
  const needsTag = choice === "add_tag" || choice === "remove_tag";
  const count = `${ids.length} ${ids.length === 1 ? "contact" : "contacts"}`;

  function apply() {
    if (choice === "delete") {
      setConfirming(true);
      return;
    }
    const action =
      choice === "add_tag" || choice === "remove_tag"
        ? { type: choice, tag: tag.trim() }
        : ({ type: "set_status", status: choice } as const);
    bulk.mutate({ ids, action });
  }

  return (
    <section
      aria-label="Selected contacts"
      className="flex flex-wrap items-center gap-3 rounded-lg bg-brand-50 px-4 py-2.5 ring-1 ring-brand-100"
    >
      <span className="text-sm font-medium text-brand-900">{count} selected</span>
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        {/* The controls are full-width blocks: their boxes set the widths. */}
        <div className="w-44">
          <Select
            aria-label="Action"
            value={choice}
            onChange={(event) => setChoice(event.target.value as Choice)}
          >
            {CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        {needsTag ? (
          <div className="w-44">
            <Input
              aria-label="Tag"
              value={tag}
              onChange={(event) => setTag(event.target.value)}
              placeholder="e.g. webinar"
              list={TAG_SUGGESTIONS_ID}
              autoComplete="off"
              required
              maxLength={64}
            />
          </div>
        ) : null}
        <Button type="submit" disabled={bulk.isPending || (needsTag && tag.trim() === "")}>
          {bulk.isPending ? "Applying…" : `Apply to ${count}`}
        </Button>
      </form>
      <Button variant="ghost" size="sm" onClick={onClear}>
        Clear selection
      </Button>
      {bulk.isError && !confirming ? (
        <span role="alert" className="text-sm text-red-700">
          {errorMessage(bulk.error)}
        </span>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${count}?`}
        confirmLabel={`Delete ${count}`}
        pendingLabel="Deleting…"
        pending={bulk.isPending}
        error={bulk.isError ? errorMessage(bulk.error) : null}
        onConfirm={() => bulk.mutate({ ids, action: { type: "delete" } })}
        onClose={() => setConfirming(false)}
      >
        Each contact is deleted with a contact.deleted event to the hooks that listen. This cannot be undone.
      </ConfirmDialog>
    </section>
  );
}
