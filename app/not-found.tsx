import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Page not found" };

/** Any address nothing answers: Hookline's look, not the framework's bare page. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <EmptyState
          heading="h1"
          title="Page not found"
          description="Nothing lives at this address. The link may be old, or the page was moved."
          action={<ButtonLink href="/">Go to the dashboard</ButtonLink>}
        />
      </div>
    </main>
  );
}
