"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { UnsubscribeLink } from "@/components/contacts/unsubscribe-link";
import { EventsTable } from "@/components/tables/events-table";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { TagInput } from "@/components/ui/tag-input";
import { AbsoluteTime } from "@/components/ui/time-zone";
import { NotAllowed, PermittedLink, usePermission } from "../../_components/role";
import { type ContactStatusValue, contactEventsInput } from "./contacts-filter";
import { StatusBadge } from "./status-badge";
import type { Contact } from "./types";

const STATUS_ACTIONS: Array<{ status: ContactStatusValue; label: string }> = [
  { status: "subscribed", label: "Subscribe" },
  { status: "unsubscribed", label: "Unsubscribe" },
  { status: "bounced", label: "Mark bounced" },
];

function displayName(contact: Contact): string {
  return [contact.first_name, contact.last_name].filter(Boolean).join(" ") || contact.email;
}

const LIVE_MS = 5_000;

function fieldText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function ContactDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  // Live: automations, imports and integrators change contacts while an admin looks at one.
  const contact = useQuery({ ...trpc.contact.get.queryOptions({ id }), refetchInterval: LIVE_MS });
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const write = usePermission("contacts.write");

  function changed(next: Contact) {
    queryClient.setQueryData(trpc.contact.get.queryKey({ id }), next);
    void queryClient.invalidateQueries(trpc.contact.list.pathFilter());
    void queryClient.invalidateQueries(trpc.event.list.pathFilter());
  }

  const setStatus = useMutation(trpc.contact.setStatus.mutationOptions({ onSuccess: changed }));
  const addTag = useMutation(trpc.contact.addTag.mutationOptions({ onSuccess: changed }));
  const removeTag = useMutation(trpc.contact.removeTag.mutationOptions({ onSuccess: changed }));
  const remove = useMutation(
    trpc.contact.delete.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.contact.list.pathFilter());
        void queryClient.invalidateQueries(trpc.event.list.pathFilter());
        router.push("/contacts");
      },
    }),
  );

  if (contact.isError) {
    return (
      <div className="mx-auto mt-16 max-w-md">
        <Alert tone="error">{errorMessage(contact.error)}</Alert>
      </div>
    );
  }
  // The server page prefetches the contact, so this only shows after the cache was emptied.
  if (!contact.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const data = contact.data;
  const name = displayName(data);
  const fields = Object.entries(data.fields);
  const tagError = addTag.error ?? removeTag.error;

  return (
    <div className="space-y-6">
      <div>
        <Link href="/contacts" className="text-sm text-slate-500 hover:text-slate-900">
          ← Contacts
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <div className="flex items-center gap-3">
              <h1 className="truncate text-2xl font-semibold tracking-tight">{name}</h1>
              <StatusBadge status={data.status} />
            </div>
            {name !== data.email ? <p className="mt-1 text-sm text-slate-500">{data.email}</p> : null}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <PermittedLink action="contacts.write" variant="secondary" href={`/contacts/${id}/edit`}>
              Edit
            </PermittedLink>
            {STATUS_ACTIONS.filter((action) => action.status !== data.status).map((action) => (
              <Button
                key={action.status}
                variant="secondary"
                disabled={setStatus.isPending || !write.allowed}
                title={write.reason}
                onClick={() => setStatus.mutate({ id, status: action.status })}
              >
                {action.label}
              </Button>
            ))}
            <Button
              variant="danger"
              disabled={!write.allowed}
              title={write.reason}
              onClick={() => setConfirmingDelete(true)}
            >
              Delete
            </Button>
          </div>
        </div>
      </div>

      {setStatus.error ? <Alert tone="error">{errorMessage(setStatus.error)}</Alert> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Profile">
            <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2">
              <Detail label="Email">{data.email}</Detail>
              <Detail label="Phone">{data.phone}</Detail>
              <Detail label="First name">{data.first_name}</Detail>
              <Detail label="Last name">{data.last_name}</Detail>
            </dl>
          </Card>
          <Card title="Custom fields">
            {fields.length === 0 ? (
              <p className="text-sm text-slate-500">
                None yet.{" "}
                {write.allowed ? (
                  <Link href={`/contacts/${id}/edit`} className="font-medium text-brand-700 hover:underline">
                    Add one
                  </Link>
                ) : null}
              </p>
            ) : (
              <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2">
                {fields.map(([key, value]) => (
                  <Detail key={key} label={key} mono>
                    {fieldText(value)}
                  </Detail>
                ))}
              </dl>
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Tags">
            <TagInput
              tags={data.tags}
              onAdd={(tag) => addTag.mutate({ id, tag })}
              onRemove={(tag) => removeTag.mutate({ id, tag })}
              disabled={!write.allowed}
              error={tagError ? errorMessage(tagError) : undefined}
            />
            {write.reason ? <p className="mt-2 text-xs text-slate-500">{write.reason}</p> : null}
          </Card>
          <Card title="Unsubscribe link">
            {/* The link unsubscribes the contact: only for who may change contacts. */}
            {write.allowed ? <UnsubscribeLink contactId={id} /> : <NotAllowed action="contacts.write" />}
          </Card>
          <Card title="Record">
            <dl className="space-y-3 text-sm">
              <Detail label="Id" mono>
                {data.id}
              </Detail>
              <Detail label="Created">
                <RelativeTime iso={data.created_at} /> · <AbsoluteTime iso={data.created_at} />
              </Detail>
              <Detail label="Updated">
                <RelativeTime iso={data.updated_at} />
              </Detail>
            </dl>
          </Card>
        </div>
      </div>

      <section aria-labelledby="activity-heading" className="space-y-3">
        <div className="flex items-center justify-between gap-4">
          <h2 id="activity-heading" className="text-sm font-semibold text-slate-900">
            Recent activity
          </h2>
          <DeliveriesLink contactId={id} />
        </div>
        <EventsTable
          input={contactEventsInput(id)}
          showContact={false}
          refreshMs={LIVE_MS}
          empty={<EmptyState title="No events yet" />}
        />
      </section>

      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete ${data.email}?`}
        confirmLabel="Delete contact"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate({ id })}
        onClose={() => {
          setConfirmingDelete(false);
          remove.reset();
        }}
      >
        The contact is removed for good and a <code className="font-mono">contact.deleted</code> event is sent
        to the hooks that listen for it. Its past events stay in the log.
      </ConfirmDialog>
    </div>
  );
}

function Detail({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  const empty = children === null || children === undefined || children === "";
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className={`mt-0.5 break-words text-slate-900 ${mono ? "font-mono text-[13px]" : ""}`}>
        {empty ? <span className="text-slate-400">—</span> : children}
      </dd>
    </div>
  );
}

/** What was sent to hooks about this contact, for those who may read deliveries. */
function DeliveriesLink({ contactId }: { contactId: string }) {
  const { allowed } = usePermission("deliveries.read");
  if (!allowed) return null;
  return (
    <Link
      href={`/deliveries?contact=${encodeURIComponent(contactId)}`}
      className="text-sm text-brand-700 hover:underline"
    >
      Deliveries about this contact
    </Link>
  );
}
