"use client";
// A contact's personal unsubscribe link, for admins to copy into an email or open to test.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { CopyButton } from "@/components/ui/copy-button";

export function UnsubscribeLink({ contactId }: { contactId: string }) {
  const trpc = useTRPC();
  const link = useQuery(
    trpc.publicLink.unsubscribeUrl.queryOptions({ contactId }, { staleTime: Number.POSITIVE_INFINITY }),
  );
  // Without HOOKLINE_PUBLIC_URL the server only knows the path; this browser knows its origin.
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);

  if (link.error) return <p className="text-sm text-red-700">{errorMessage(link.error)}</p>;
  if (!link.data) return <p className="text-sm text-slate-500">Loading the link…</p>;
  const url = link.data.url ?? `${origin}${link.data.path}`;
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2">
        <input
          readOnly
          aria-label="Unsubscribe link"
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 truncate rounded-md bg-slate-50 px-3 py-1.5 font-mono text-xs text-slate-700 ring-1 ring-inset ring-slate-200"
        />
        <CopyButton value={url} />
        <a
          href={link.data.path}
          target="_blank"
          rel="noreferrer noopener"
          className="text-sm font-medium text-brand-700 hover:underline"
        >
          Open
        </a>
      </div>
      <p className="text-xs text-slate-500">
        Personal to this contact. Opening it changes nothing until the button on the page is pressed.
      </p>
    </div>
  );
}
