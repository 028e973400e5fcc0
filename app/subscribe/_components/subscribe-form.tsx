"use client";
// Works as a plain HTML form post when JS is off (the endpoint redirects back with the result);
// with JS it posts JSON and answers in place.
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

type State =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "done" }
  | { kind: "error"; message: string; field?: string };

export function SubscribeForm({
  initialDone,
  initialError,
  copy,
}: {
  initialDone: boolean;
  initialError?: string | undefined;
  /** The admin's words (Settings → Public pages). */
  copy: { title: string; text: string; done: string };
}) {
  const [state, setState] = useState<State>(
    initialDone
      ? { kind: "done" }
      : initialError
        ? { kind: "error", message: initialError }
        : { kind: "idle" },
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    setState({ kind: "sending" });
    try {
      const response = await fetch("/api/public/subscribe", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(data),
      });
      if (response.ok) return setState({ kind: "done" });
      const body = (await response.json().catch(() => null)) as {
        error?: { code?: string; message?: string; details?: Array<{ path: string; message: string }> };
      } | null;
      const detail = body?.error?.details?.[0];
      setState({
        kind: "error",
        message: detail?.message ?? body?.error?.message ?? "Something went wrong. Please try again.",
        ...(detail ? { field: detail.path } : {}),
      });
    } catch {
      setState({
        kind: "error",
        message: "We couldn't reach the server. Check your connection and try again.",
      });
    }
  }

  if (state.kind === "done") {
    return (
      <div className="text-center" role="status">
        <div className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-emerald-50 text-2xl text-emerald-600">
          ✓
        </div>
        <h1 className="text-xl font-semibold tracking-tight">You're on the list</h1>
        <p className="mt-2 text-sm text-slate-500">{copy.done}</p>
      </div>
    );
  }

  const emailError = state.kind === "error" && state.field === "email" ? state.message : undefined;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{copy.title}</h1>
      {copy.text ? <p className="mt-1 text-sm text-slate-500">{copy.text}</p> : null}
      <form
        method="post"
        action="/api/public/subscribe"
        onSubmit={(event) => void submit(event)}
        className="mt-6 space-y-4"
      >
        {state.kind === "error" && !emailError ? <Alert tone="error">{state.message}</Alert> : null}
        <Field label="Email" htmlFor="email" error={emailError}>
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? "email-error" : undefined}
            placeholder="you@example.com"
          />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="First name" htmlFor="first_name">
            <Input id="first_name" name="first_name" autoComplete="given-name" maxLength={200} />
          </Field>
          <Field label="Last name" htmlFor="last_name">
            <Input id="last_name" name="last_name" autoComplete="family-name" maxLength={200} />
          </Field>
        </div>
        {/* The honeypot: off-screen and out of the tab order, so only bots fill it. */}
        <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
          <label htmlFor="website">Leave this field empty</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <Button type="submit" className="w-full" disabled={state.kind === "sending"}>
          {state.kind === "sending" ? "Subscribing…" : "Subscribe"}
        </Button>
      </form>
    </>
  );
}
