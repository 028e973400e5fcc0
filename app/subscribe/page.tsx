import type { Metadata } from "next";
import { PublicShell } from "@/components/layout/public-shell";
import { brandingForPages } from "@/server/settings/branding";
import { SubscribeForm } from "./_components/subscribe-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: { absolute: `Subscribe · ${(await brandingForPages()).name}` } };
}

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
  const branding = await brandingForPages();
  return (
    <PublicShell brand={branding}>
      <SubscribeForm
        initialDone={done}
        initialError={error}
        copy={{
          title: branding.subscribe_title,
          text: branding.subscribe_text,
          done: branding.subscribe_done,
        }}
      />
    </PublicShell>
  );
}
