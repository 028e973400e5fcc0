"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { SecondFactorForm } from "./second-factor-form";

export function SignInForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // The password was right and the account has two factors: the code is asked for next.
  const [secondFactor, setSecondFactor] = useState(false);
  const [restartReason, setRestartReason] = useState<string | null>(null);
  function enter() {
    router.replace("/");
    router.refresh();
  }
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (result) => (result.next === "second_factor" ? setSecondFactor(true) : enter()),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setRestartReason(null);
    signIn.mutate({ email, password });
  }

  if (secondFactor) {
    return (
      <SecondFactorForm
        onSignedIn={enter}
        onRestart={(reason) => {
          setSecondFactor(false);
          setPassword("");
          setRestartReason(reason ?? null);
          signIn.reset();
        }}
      />
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {signIn.error ? <Alert tone="error">{errorMessage(signIn.error)}</Alert> : null}
      {restartReason ? <Alert tone="warning">{restartReason}</Alert> : null}
      <Field label="Email" htmlFor="email">
        <Input
          id="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={signIn.isPending}>
        {signIn.isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
