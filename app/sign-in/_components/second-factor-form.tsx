"use client";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorCode, errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

/**
 * The second step of signing in: a code from the authenticator app, or a recovery code. The
 * password step left a short-lived challenge in an httpOnly cookie; this form only sends the code.
 */
export function SecondFactorForm({
  onSignedIn,
  onRestart,
}: {
  onSignedIn: () => void;
  /** Back to the password (the challenge expired or was used up), with why. */
  onRestart: (reason?: string) => void;
}) {
  const trpc = useTRPC();
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const verify = useMutation(
    trpc.auth.verifySignInCode.mutationOptions({
      onSuccess: onSignedIn,
      onError: (error) => {
        if (errorCode(error) === "unauthorized") onRestart(errorMessage(error));
        else setFieldError(fieldErrors(error).find((item) => item.path === "code")?.message ?? null);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setFieldError(null);
    verify.reset();
    const compact = code.replace(/[\s-]/g, "");
    if (useRecoveryCode ? compact.length !== 10 : !/^\d{6}$/.test(compact)) {
      setFieldError(
        useRecoveryCode
          ? "Enter one of your recovery codes: 10 letters and digits."
          : "Enter the 6-digit code your app shows.",
      );
      return;
    }
    verify.mutate({ code });
  }

  const otherError = verify.error && !fieldError && errorCode(verify.error) !== "unauthorized";
  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="Two-factor code">
      <p className="text-sm text-slate-600">
        {useRecoveryCode
          ? "Enter one of the recovery codes you saved when you set up two-factor sign-in. Each works once."
          : "Enter the 6-digit code from your authenticator app."}
      </p>
      {otherError ? <Alert tone="error">{errorMessage(verify.error)}</Alert> : null}
      <Field
        label={useRecoveryCode ? "Recovery code" : "Authentication code"}
        htmlFor="sign-in-code"
        error={fieldError ?? undefined}
      >
        <Input
          // A new element when the kind of code changes, so the browser's autofill hints follow.
          key={useRecoveryCode ? "recovery" : "totp"}
          id="sign-in-code"
          autoFocus
          autoComplete={useRecoveryCode ? "off" : "one-time-code"}
          inputMode={useRecoveryCode ? "text" : "numeric"}
          placeholder={useRecoveryCode ? "xxxxx-xxxxx" : "123 456"}
          className="font-mono tracking-widest"
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={verify.isPending}>
        {verify.isPending ? "Checking…" : "Continue"}
      </Button>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <button
          type="button"
          className="font-medium text-brand-700 hover:underline"
          onClick={() => {
            setUseRecoveryCode(!useRecoveryCode);
            setCode("");
            setFieldError(null);
            verify.reset();
          }}
        >
          {useRecoveryCode ? "Use a code from the app" : "Use a recovery code"}
        </button>
        <button type="button" className="text-slate-600 hover:underline" onClick={() => onRestart()}>
          Start over
        </button>
      </div>
    </form>
  );
}
