"use client";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input } from "@/components/ui/field";

/** Modules of white around the code: scanners need four. */
const QUIET_ZONE = 4;

/**
 * Setting up an authenticator app: scan the QR code (or type the key), then enter the first code
 * it shows. Two-factor sign-in is on only once that code matches; `onEnabled` gets the recovery
 * codes, which are never shown again.
 */
export function TwoFactorSetup({
  autoStart = false,
  onEnabled,
  onCancel,
}: {
  /** Ask for the QR code at once (the required set-up), instead of behind a button. */
  autoStart?: boolean;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const begin = useMutation(trpc.twoFactor.beginSetup.mutationOptions());
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string | null>(null);
  const confirm = useMutation(
    trpc.twoFactor.confirmSetup.mutationOptions({
      onSuccess: ({ recoveryCodes }) => onEnabled(recoveryCodes),
      onError: (error) =>
        setCodeError(fieldErrors(error).find((item) => item.path === "code")?.message ?? null),
    }),
  );
  const started = useRef(false);
  useEffect(() => {
    if (autoStart && !started.current) {
      started.current = true;
      begin.mutate();
    }
  }, [autoStart, begin]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setCodeError(null);
    if (!/^\d{6}$/.test(code.replace(/\s/g, ""))) {
      setCodeError("Enter the 6-digit code your app shows.");
      return;
    }
    confirm.mutate({ code });
  }

  function startAgain() {
    confirm.reset();
    setCode("");
    setCodeError(null);
    begin.mutate();
  }

  const cancel = onCancel ? (
    <Button variant="secondary" onClick={onCancel}>
      Cancel
    </Button>
  ) : null;

  if (!begin.data) {
    return (
      <div className="space-y-3">
        {begin.error ? <Alert tone="error">{errorMessage(begin.error)}</Alert> : null}
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => begin.mutate()} disabled={begin.isPending}>
            {begin.isPending ? "Preparing…" : "Set up two-factor sign-in"}
          </Button>
          {cancel}
        </div>
      </div>
    );
  }

  const { secret, qr } = begin.data;
  // An error that isn't about the code (the set-up expired): only starting again helps.
  const otherError = confirm.error && !codeError ? errorMessage(confirm.error) : null;
  return (
    <div className="space-y-5">
      <ol className="space-y-5 text-sm text-slate-700">
        <li>
          <p>
            <span className="font-semibold text-slate-900">1. Scan this QR code</span> with an authenticator
            app (Google Authenticator, Microsoft Authenticator, 1Password, Authy…).
          </p>
          <div className="mt-3 flex flex-col items-start gap-4 sm:flex-row">
            <svg
              viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${qr.size + 2 * QUIET_ZONE} ${qr.size + 2 * QUIET_ZONE}`}
              role="img"
              aria-label="QR code to scan with your authenticator app"
              shapeRendering="crispEdges"
              className="size-44 shrink-0 rounded-md bg-white ring-1 ring-slate-200"
            >
              <path d={qr.path} fill="#0f172a" />
            </svg>
            <div className="min-w-0 space-y-2">
              <p className="text-slate-600">Can't scan it? Add an account in the app and type this key:</p>
              <code
                data-testid="totp-secret"
                className="block rounded-md bg-slate-50 px-3 py-2 font-mono text-sm tracking-wide break-words text-slate-900 ring-1 ring-slate-200 select-all"
              >
                {secret.replace(/(.{4})(?=.)/g, "$1 ")}
              </code>
              <CopyButton value={secret} label="Copy key" />
              <p className="text-xs text-slate-500">
                Time-based, 6 digits, every 30 seconds: the app's default.
              </p>
            </div>
          </div>
        </li>
        <li>
          <form onSubmit={submit} noValidate aria-label="Confirm two-factor sign-in" className="space-y-3">
            <p>
              <span className="font-semibold text-slate-900">2. Enter the code the app shows</span> to turn
              two-factor sign-in on.
            </p>
            {otherError ? (
              <Alert tone="error">
                {otherError}{" "}
                <button type="button" onClick={startAgain} className="font-medium underline">
                  Start again
                </button>
              </Alert>
            ) : null}
            <Field label="Code from the app" htmlFor="totp-setup-code" error={codeError ?? undefined}>
              <div className="flex flex-wrap gap-2">
                <Input
                  id="totp-setup-code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  placeholder="123 456"
                  className="max-w-44 font-mono tracking-widest"
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                />
                <Button type="submit" disabled={confirm.isPending}>
                  {confirm.isPending ? "Checking…" : "Turn on"}
                </Button>
                {cancel}
              </div>
            </Field>
          </form>
        </li>
      </ol>
    </div>
  );
}
