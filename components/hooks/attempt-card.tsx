"use client";
// One attempt of a delivery, request and answer, as the admin's delivery page and the portal's
// show it: headers by name, bodies pretty-printed with a copy button, and the request as curl.
import { formatMs } from "@/components/charts/palette";
import { StatusCode } from "@/components/deliveries/delivery-badges";
import type { RouterOutputs } from "@/components/trpc/router-types";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { AbsoluteTime } from "@/components/ui/time-zone";
import { curlCommand, prettyBody } from "./curl";

/** An attempt as the admin's and the portal's delivery procedures both answer it. */
type Attempt = RouterOutputs["delivery"]["get"]["attempts"][number];

function Headers({ headers }: { headers: Record<string, string> }) {
  // By name: the log keeps headers as jsonb, whose own order (shortest key first) reads as random.
  const entries = Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return <p className="text-xs text-slate-500">No headers.</p>;
  return (
    <dl className="grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-4 gap-y-1 font-mono text-xs">
      {entries.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-slate-500">{name}</dt>
          <dd className="break-all text-slate-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Body({ body, testId, label }: { body: string; testId: string; label: string }) {
  if (body === "") return <p className="text-xs text-slate-500">Empty body.</p>;
  return (
    <div className="relative">
      <pre
        data-testid={testId}
        className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 pr-24 font-mono text-xs leading-relaxed text-slate-100"
      >
        {prettyBody(body)}
      </pre>
      <span className="absolute top-2 right-2">
        <CopyButton value={body} label={label} />
      </span>
    </div>
  );
}

/** One attempt; only the newest starts open (native details: keyboard and screen readers for free). */
export function AttemptCard({
  attempt,
  targetUrl,
  open,
}: {
  attempt: Attempt;
  targetUrl: string;
  open: boolean;
}) {
  const ok = attempt.status_code !== null && attempt.status_code >= 200 && attempt.status_code < 300;
  return (
    <details
      open={open}
      aria-label={`Attempt ${attempt.number}`}
      className="group rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
      data-testid="attempt"
    >
      <summary className="flex cursor-pointer list-none flex-wrap items-center justify-between gap-3 px-5 py-3 group-open:border-b group-open:border-slate-100 [&::-webkit-details-marker]:hidden">
        <span className="flex flex-wrap items-center gap-3 text-sm">
          <span aria-hidden="true" className="text-slate-400 transition-transform group-open:rotate-90">
            ▸
          </span>
          <span className="font-semibold">Attempt {attempt.number}</span>
          <StatusCode code={attempt.status_code} />
          <span className="text-slate-500">{formatMs(attempt.duration_ms)}</span>
          <AbsoluteTime iso={attempt.started_at} className="text-slate-500" />
        </span>
      </summary>
      {attempt.error ? (
        <div className="px-5 pt-4">
          <Alert tone="error">{attempt.error}</Alert>
        </div>
      ) : null}
      <div className="grid gap-6 p-5 lg:grid-cols-2">
        <div className="min-w-0 space-y-3">
          <div className="flex items-center justify-between gap-3">
            <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Request</h3>
            {/* Not in the summary: a button there would open and close the attempt as well. */}
            <CopyButton
              value={curlCommand(targetUrl, attempt.request.headers, attempt.request.body)}
              label="Copy as curl"
            />
          </div>
          <Headers headers={attempt.request.headers} />
          <Body body={attempt.request.body} testId="request-body" label="Copy payload" />
        </div>
        <div className="min-w-0 space-y-3">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Response{" "}
            {attempt.status_code !== null ? (
              <span className={ok ? "text-emerald-700" : "text-red-700"}>{attempt.status_code}</span>
            ) : null}
          </h3>
          {attempt.response ? (
            <>
              <Headers headers={attempt.response.headers} />
              <Body body={attempt.response.body} testId="response-body" label="Copy answer" />
            </>
          ) : (
            <p className="text-sm text-slate-500">No answer was received.</p>
          )}
        </div>
      </div>
    </details>
  );
}
