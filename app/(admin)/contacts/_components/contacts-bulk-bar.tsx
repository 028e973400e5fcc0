"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import type { RouterInputs } from "@/components/trpc/router-types";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Select } from "@/components/ui/field";
import { ProgressBar, progressPercent } from "@/components/ui/progress-bar";
import { quantity } from "@/components/ui/quantity";
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

type ContactBulkAction = RouterInputs["contact"]["bulk"]["action"];

export interface BulkOutcome {
  tone: "success" | "error";
  message: string;
}

/** Every contact the filters match: the page's selection widened to all of them. */
export interface AllMatching {
  filter: { q?: string; tag?: string; status?: "subscribed" | "unsubscribed" | "bounced" };
  count: number;
  exact: boolean;
}

/**
 * One action on the selected contacts, or on every contact the filters match (a background job
 * whose progress shows here); each contact changes (and raises its events) as if edited alone.
 */
export function ContactsBulkBar({
  ids,
  allMatching,
  onSelectAllMatching,
  onDone,
  onClear,
}: {
  ids: string[];
  /** Set: the action goes to every match, not to `ids`. */
  allMatching: AllMatching | null;
  /** Offered when the whole page is selected and more contacts match than it shows. */
  onSelectAllMatching: (() => void) | null;
  onDone: (outcome: BulkOutcome) => void;
  onClear: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Choice>("add_tag");
  const [tag, setTag] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const startAll = useMutation(
    trpc.contact.bulkAll.mutationOptions({
      onSuccess: (job) => {
        setConfirming(false);
        setJobId(job.id);
      },
    }),
  );
  const job = useQuery(
    trpc.contact.bulkJob.queryOptions(
      { id: jobId ?? "" },
      {
        enabled: jobId !== null,
        refetchInterval: (query) => (query.state.data?.status === "completed" ? false : 700),
      },
    ),
  );
  useEffect(() => {
    const data = job.data;
    if (data?.status !== "completed") return;
    setJobId(null);
    void queryClient.invalidateQueries(trpc.contact.pathFilter());
    const contacts = quantity(data.processed - data.failed, "contact");
    const done = data.action.type === "delete" ? `${contacts} deleted.` : `Applied to ${contacts}.`;
    onDone(
      data.failed === 0
        ? { tone: "success", message: done }
        : {
            tone: "error",
            message: `${done} ${quantity(data.failed, "contact")} could not be: ${data.errors
              .slice(0, 3)
              .map((item) => item.message)
              .join(" ")}`,
          },
    );
  }, [job.data, onDone, queryClient, trpc]);
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
  const count = allMatching
    ? `${allMatching.exact ? "all" : "all of about"} ${quantity(allMatching.count, "contact")}`
    : quantity(ids.length, "contact");
  const pending = bulk.isPending || startAll.isPending || jobId !== null;
  const failure = bulk.error ?? startAll.error;

  function send(action: ContactBulkAction) {
    if (allMatching) startAll.mutate({ filter: allMatching.filter, action });
    else bulk.mutate({ ids, action });
  }

  function apply() {
    if (choice === "delete") {
      setConfirming(true);
      return;
    }
    send(
      choice === "add_tag" || choice === "remove_tag"
        ? { type: choice, tag: tag.trim() }
        : { type: "set_status", status: choice },
    );
  }

  if (jobId !== null) {
    const data = job.data;
    const percent = data ? progressPercent(data.processed, data.total) : 0;
    return (
      <section
        aria-label="Selected contacts"
        className="space-y-2 rounded-lg bg-brand-50 px-4 py-3 ring-1 ring-brand-100"
      >
        <p className="text-sm font-medium text-brand-900" aria-live="polite">
          {data
            ? `${data.processed.toLocaleString("en")} of ${data.total.toLocaleString("en")} contacts done…`
            : "Starting…"}{" "}
          <span className="font-normal text-brand-800">It carries on if you leave this page.</span>
        </p>
        <ProgressBar percent={percent} label="Bulk change progress" />
      </section>
    );
  }

  return (
    <section
      aria-label="Selected contacts"
      className="flex flex-wrap items-center gap-3 rounded-lg bg-brand-50 px-4 py-2.5 ring-1 ring-brand-100"
    >
      <span className="text-sm font-medium text-brand-900">
        {allMatching ? `${count[0]?.toUpperCase()}${count.slice(1)} matching` : count} selected
      </span>
      {onSelectAllMatching ? (
        <Button variant="ghost" size="sm" onClick={onSelectAllMatching}>
          Select all matching
        </Button>
      ) : null}
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
        <Button type="submit" disabled={pending || (needsTag && tag.trim() === "")}>
          {pending ? "Applying…" : `Apply to ${count}`}
        </Button>
      </form>
      <Button variant="ghost" size="sm" onClick={onClear}>
        Clear selection
      </Button>
      {failure && !confirming ? (
        <span role="alert" className="text-sm text-red-700">
          {errorMessage(failure)}
        </span>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${count}?`}
        confirmLabel={`Delete ${count}`}
        pendingLabel="Deleting…"
        pending={pending}
        error={failure ? errorMessage(failure) : null}
        onConfirm={() => send({ type: "delete" })}
        onClose={() => setConfirming(false)}
      >
        Each contact is deleted with a contact.deleted event to the hooks that listen. This cannot be undone.
      </ConfirmDialog>
    </section>
  );
}
