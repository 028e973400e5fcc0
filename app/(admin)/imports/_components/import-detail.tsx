"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import type { RouterOutputs } from "@/components/trpc/router-types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { ProgressBar, progressPercent } from "@/components/ui/progress-bar";
import { quantity } from "@/components/ui/quantity";
import { usePermission } from "../../_components/role";
import { ImportStatusBadge } from "./import-status";

const number = new Intl.NumberFormat("en");

const STANDARD_TARGETS: Array<[string, string]> = [
  ["email", "Email"],
  ["first_name", "First name"],
  ["last_name", "Last name"],
  ["phone", "Phone"],
  ["status", "Status"],
  ["tags", "Tags"],
];

export function ImportDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const job = useQuery(
    trpc.import.get.queryOptions(
      { id },
      {
        // Progress lives in the database, so a reload picks it up where it is.
        refetchInterval: (query) =>
          query.state.data?.status === "queued" || query.state.data?.status === "running" ? 500 : false,
      },
    ),
  );
  if (job.error) return <Alert tone="error">{errorMessage(job.error)}</Alert>;
  if (!job.data) return <p className="text-sm text-slate-500">Loading…</p>;
  if (job.data.status === "draft") return <ImportMapping id={id} />;
  return <ImportProgress job={job.data} />;
}

/** The import as the router answers it (the service's ImportResource). */
type Job = RouterOutputs["import"]["get"];

function ImportProgress({ job }: { job: Job }) {
  const percent = job.status === "completed" ? 100 : progressPercent(job.processed_rows, job.total_rows);
  const finished = job.status === "completed" || job.status === "failed";
  return (
    <div className="space-y-6">
      <Card
        title={job.file_name}
        description={
          job.mode === "create_only"
            ? "Create new contacts only"
            : "Create new contacts and update existing ones"
        }
        actions={<ImportStatusBadge status={job.status} />}
      >
        <div className="space-y-2">
          <div className="flex items-baseline justify-between text-sm">
            <span className="text-slate-600">
              {number.format(job.processed_rows)} of {number.format(job.total_rows)} rows
            </span>
            <span className="font-semibold tabular-nums" data-testid="import-percent">
              {percent} %
            </span>
          </div>
          <ProgressBar percent={percent} label="Import progress" />
          {job.status === "queued" ? (
            <p className="text-xs text-slate-500">Waiting for the importer to pick it up…</p>
          ) : null}
          {job.status === "running" ? (
            <p className="text-xs text-slate-500">
              You can leave this page; the import carries on in the background.
            </p>
          ) : null}
        </div>
        {job.error ? (
          <div className="mt-4">
            <Alert tone="error">{job.error}</Alert>
          </div>
        ) : null}
      </Card>

      <Card title={finished ? "Summary" : "So far"}>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Stat label="Created" value={job.created} tone="text-emerald-700" />
          <Stat label="Updated" value={job.updated} tone="text-brand-700" />
          <Stat
            label="Skipped"
            value={job.skipped}
            tone="text-slate-700"
            hint="Already there, nothing to change"
          />
          <Stat
            label="Rejected"
            value={job.rejected}
            tone={job.rejected > 0 ? "text-red-700" : "text-slate-700"}
          />
        </dl>
        {job.rejected > 0 ? (
          <div className="mt-5 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-inset ring-red-200">
            <span>
              {number.format(job.rejected)} {job.rejected === 1 ? "row was" : "rows were"} not imported. The
              file lists each with its reason.
            </span>
            <a
              href={`/imports/${job.id}/rejected`}
              download
              className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-red-800 shadow-sm ring-1 ring-inset ring-red-300 hover:bg-red-50"
            >
              Download rejected rows
            </a>
          </div>
        ) : null}
      </Card>
    </div>
  );
}

function Stat({ label, value, tone, hint }: { label: string; value: number; tone: string; hint?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-3" title={hint}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd
        className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`}
        data-testid={`import-${label.toLowerCase()}`}
      >
        {number.format(value)}
      </dd>
    </div>
  );
}

function ImportMapping({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preview = useQuery(trpc.import.preview.queryOptions({ id }, { staleTime: Number.POSITIVE_INFINITY }));
  const [mapping, setMapping] = useState<string[] | null>(null);
  const [mode, setMode] = useState<"create_update" | "create_only">("create_update");
  useEffect(() => {
    if (preview.data && mapping === null) setMapping(preview.data.suggested_mapping);
  }, [preview.data, mapping]);
  const write = usePermission("imports.write");
  const start = useMutation(
    trpc.import.start.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.import.get.queryKey({ id }) }),
    }),
  );

  if (preview.error) return <Alert tone="error">{errorMessage(preview.error)}</Alert>;
  if (!preview.data || !mapping) return <p className="text-sm text-slate-500">Reading the file…</p>;
  const { headers, sample, total_rows, file_name } = preview.data;
  const hasEmail = mapping.includes("email");

  return (
    <div className="space-y-6">
      <Card
        title={`Map the columns of ${file_name}`}
        description={`${quantity(total_rows, "row")}. Each column with its first values: say what it holds.`}
        padded={false}
      >
        {/* One row per column of the file: the select never ends up past the card's edge, however
            many columns the file has, and the rows stack on a phone. */}
        <ul className="divide-y divide-slate-100">
          {headers.map((header, index) => {
            const values = sample.map((row) => row[index] ?? "").filter((value) => value !== "");
            return (
              <li
                key={header}
                className="grid items-center gap-2 px-5 py-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_16rem] sm:gap-4"
              >
                <span className="truncate text-sm font-medium text-slate-900" title={header}>
                  {header}
                </span>
                <span
                  className={`truncate text-sm ${mapping[index] === "ignore" ? "text-slate-400" : "text-slate-600"}`}
                  title={values.join(" · ")}
                >
                  {values.length > 0 ? values.join(" · ") : <em className="text-slate-400">empty</em>}
                </span>
                <Select
                  aria-label={`Field for column ${header}`}
                  value={mapping[index] ?? "ignore"}
                  onChange={(event) =>
                    setMapping(mapping.map((target, i) => (i === index ? event.target.value : target)))
                  }
                >
                  <option value="ignore">Don't import</option>
                  {STANDARD_TARGETS.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                  <option value={customField(header, preview.data.suggested_mapping[index])}>
                    Field: {customField(header, preview.data.suggested_mapping[index]).slice(6)}
                  </option>
                </Select>
              </li>
            );
          })}
        </ul>
        <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">
          Email is required. Tags are split on “;” or “|”. “Field” keeps the column as a custom field of that
          name. Empty cells never erase what a contact already has.
        </p>
      </Card>

      <Card title="Existing contacts">
        <fieldset className="space-y-3">
          <legend className="sr-only">What to do with emails that already exist</legend>
          <ModeOption
            checked={mode === "create_update"}
            onChange={() => setMode("create_update")}
            label="Create and update"
            hint="New emails become contacts; existing contacts get the non-empty values of their row, and its tags are added."
          />
          <ModeOption
            checked={mode === "create_only"}
            onChange={() => setMode("create_only")}
            label="Create only"
            hint="New emails become contacts; existing contacts are skipped and left as they are."
          />
        </fieldset>
        <p className="mt-4 text-xs text-slate-500">
          An import never re-subscribes someone who unsubscribed or bounced.
        </p>
      </Card>

      {start.error ? <Alert tone="error">{errorMessage(start.error)}</Alert> : null}
      {!hasEmail ? <Alert tone="warning">Choose the column that holds the email address.</Alert> : null}
      <div className="flex justify-end">
        <Button
          disabled={!hasEmail || start.isPending || !write.allowed}
          title={write.reason}
          onClick={() => start.mutate({ id, mode, mapping })}
        >
          {start.isPending ? "Starting…" : `Import ${quantity(total_rows, "row")}`}
        </Button>
      </div>
    </div>
  );
}

/** The custom field a column can go to: the server's suggestion (an export's "field:plan" is "plan"), else its header. */
function customField(header: string, suggested: string | undefined): string {
  return suggested?.startsWith("field:") ? suggested : `field:${header.slice(0, 64)}`;
}

function ModeOption({
  checked,
  onChange,
  label,
  hint,
}: {
  checked: boolean;
  onChange: () => void;
  label: string;
  hint: string;
}) {
  return (
    <label
      className={`flex cursor-pointer gap-3 rounded-lg px-4 py-3 ring-1 ring-inset ${
        checked ? "bg-brand-50 ring-brand-500" : "ring-slate-200 hover:bg-slate-50"
      }`}
    >
      <input
        type="radio"
        name="mode"
        checked={checked}
        onChange={onChange}
        className="mt-0.5 accent-brand-600"
      />
      <span>
        <span className="block text-sm font-medium text-slate-900">{label}</span>
        <span className="block text-xs text-slate-500">{hint}</span>
      </span>
    </label>
  );
}
