"use client";
// The portal's home: the key's hooks, a page at a time with their total (as the admin's list and
// GET /api/v1/hooks page them), and a new one made through the real handshake.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { CreateHookForm } from "@/components/hooks/create-hook-form";
import { HookStatusBadge } from "@/components/hooks/hook-badges";
import { HookCreated } from "@/components/hooks/hook-created";
import { type HookFormValues, NEW_HOOK } from "@/components/hooks/hook-form";
import { hookEventsText, hookTitle } from "@/components/hooks/hook-title";
import { ListFooter, QueryLoadMore } from "@/components/tables/data-table";
import { keysetPaging, useKeysetRows } from "@/components/tables/keyset-pages";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { TotalCount } from "@/components/ui/total-count";
import { portalHref } from "./portal-href";
import { usePortalTRPC } from "./portal-trpc";

/** As the admin's hooks list and the REST API's default page. */
const PAGE_SIZE = 25;

export function PortalHooks({ token }: { token: string }) {
  const trpc = usePortalTRPC();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(trpc.hooks.list.infiniteQueryOptions({ limit: PAGE_SIZE }, keysetPaging));
  const { rows } = useKeysetRows(list.data);
  const total = useQuery(trpc.hooks.count.queryOptions());
  const [creating, setCreating] = useState(false);
  const [last, setLast] = useState<HookFormValues>(NEW_HOOK);
  const create = useMutation(
    trpc.hooks.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.hooks.pathFilter()),
    }),
  );

  function startCreating() {
    create.reset();
    setCreating(true);
  }

  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-xl font-semibold text-slate-900">Hooks</h1>
        {!creating && !create.data ? <Button onClick={startCreating}>New hook</Button> : null}
      </div>

      {create.data ? (
        <HookCreated
          hook={create.data}
          openHref={portalHref(token, `/hooks/${create.data.id}`)}
          doneLabel="Done"
          onDone={() => create.reset()}
        />
      ) : creating ? (
        <Card title="New hook" description="Hookline POSTs a handshake to the target and waits for a 2xx.">
          <CreateHookForm
            initial={last}
            pending={create.isPending}
            error={create.error}
            focusOnMount
            onCancel={() => setCreating(false)}
            onCreate={(input, values) => {
              setLast(values);
              create.mutate(input, { onSuccess: () => setCreating(false) });
            }}
          />
        </Card>
      ) : null}

      <TotalCount total={total.data} noun="hook" testId="portal-hooks-total" />
      {list.error && rows.length === 0 ? <Alert tone="error">{errorMessage(list.error)}</Alert> : null}
      {list.isPending ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {list.isSuccess && rows.length === 0 ? (
        <Card>
          <EmptyState
            title="No hooks yet"
            description="A hook sends every matching contact change to your URL, signed. Make one with New hook, or subscribe with POST /api/v1/hooks."
          />
        </Card>
      ) : null}
      {rows.length > 0 ? (
        <Card padded={false}>
          <ul className="divide-y divide-slate-100" aria-label="Your hooks">
            {rows.map((hook) => (
              <li
                key={hook.id}
                className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 px-5 py-3"
              >
                {/* The whole address wraps rather than being cut: hooks often differ only at its end. */}
                <div className="min-w-0 flex-1 basis-64">
                  <Link
                    href={portalHref(token, `/hooks/${hook.id}`)}
                    className="font-medium break-words text-brand-700 hover:underline focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-brand-500"
                  >
                    {hookTitle(hook)}
                  </Link>
                  {/* Without a name the title is the address already. */}
                  {hook.name ? (
                    <p className="font-mono text-xs break-all text-slate-500">{hook.target_url}</p>
                  ) : null}
                  <p className="text-xs text-slate-500">{hookEventsText(hook.events)}</p>
                </div>
                <div className="flex flex-wrap items-center gap-3 text-xs text-slate-500">
                  <span className="tabular-nums">
                    {hook.stats.delivered.toLocaleString("en")} delivered ·{" "}
                    {hook.stats.failed.toLocaleString("en")} failed
                  </span>
                  {hook.stats.last_delivery_at ? (
                    <span>
                      last <RelativeTime iso={hook.stats.last_delivery_at} />
                    </span>
                  ) : (
                    <span>nothing sent yet</span>
                  )}
                  <HookStatusBadge status={hook.status} />
                </div>
              </li>
            ))}
          </ul>
          <ListFooter>
            <QueryLoadMore query={list} shown={rows.length} nouns={["hook", "hooks"]} />
          </ListFooter>
        </Card>
      ) : null}
    </div>
  );
}
