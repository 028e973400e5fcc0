"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { PasswordField } from "@/components/ui/password-field";
import { SecondFactorForm } from "./second-factor-form";

// Only what the page can tell without the server: whether the account exists is the server's answer.
const schema = z.object({
  email: z.string().trim().min(1, "Enter your email address."),
  password: z.string().min(1, "Enter your password."),
});
type Values = z.infer<typeof schema>;

/** `returnTo` is already checked to be a path on this site (safeReturnPath on the server). */
export function SignInForm({ returnTo }: { returnTo: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: "", password: "" } });
  // The password was right and the account has two factors: the code is asked for next.
  const [secondFactor, setSecondFactor] = useState(false);
  const [restartReason, setRestartReason] = useState<string | null>(null);
  function enter() {
    router.replace(returnTo);
    router.refresh();
  }
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (result) => (result.next === "second_factor" ? setSecondFactor(true) : enter()),
    }),
  );
  const { errors } = form.formState;

  if (secondFactor) {
    return (
      <SecondFactorForm
        onSignedIn={enter}
        onRestart={(reason) => {
          setSecondFactor(false);
          form.setValue("password", "");
          setRestartReason(reason ?? null);
          signIn.reset();
        }}
      />
    );
  }

  return (
    <form
      onSubmit={form.handleSubmit((values) => {
        setRestartReason(null);
        signIn.mutate(values);
      })}
      className="space-y-4"
      noValidate
    >
      {signIn.error ? <Alert tone="error">{errorMessage(signIn.error)}</Alert> : null}
      {restartReason ? <Alert tone="warning">{restartReason}</Alert> : null}
      <Field label="Email" htmlFor="email" error={errors.email?.message}>
        <Input
          id="email"
          type="email"
          autoComplete="username"
          autoFocus
          aria-invalid={!!errors.email}
          {...form.register("email")}
        />
      </Field>
      <PasswordField
        id="password"
        label="Password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register("password")}
      />
      <Button type="submit" className="w-full" disabled={signIn.isPending}>
        {signIn.isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
