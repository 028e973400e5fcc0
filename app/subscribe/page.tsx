import type { Metadata } from "next";
import { SubscribeForm } from "./_components/subscribe-form";

export const metadata: Metadata = { title: "Subscribe" };

// Answers of the JS-less form post (the endpoint redirects here with ?done=1 or ?error=<code>).
const ERRORS: Record<string, string> = {
  validation_failed: "Please enter a valid email address.",
  rate_limited: "Too many sign-ups from your network. Please try again in a few minutes.",
  payload_too_large: "That was more than the form can take.",
};

export default async function SubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const done = params.done === "1";
  const errorCode = typeof params.error === "string" ? params.error : undefined;
  const error = errorCode ? (ERRORS[errorCode] ?? "Something went wrong. Please try again.") : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 flex items-center justify-center gap-2">
          <span className="inline-flex h-8 w-8 items-center justify-center rounded-md bg-brand-600 font-bold text-white">
            H
          </span>
          <span className="text-lg font-semibold tracking-tight">Hookline</span>
        </div>
        <div className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
          <SubscribeForm initialDone={done} initialError={error} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">
          We only use your email to send you our newsletter. Every email has a link to unsubscribe.
        </p>
      </div>
    </main>
  );
}
