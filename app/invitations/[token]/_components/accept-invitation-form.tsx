"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { newPassword, passwordsMatch } from "@/components/auth/new-password";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

const schema = z.object({ password: newPassword, confirm: z.string() }).refine(...passwordsMatch);
type Values = z.infer<typeof schema>;

/** The invitee chooses their password; the account is made and they are signed in. */
export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { password: "", confirm: "" },
  });
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      onSuccess: () => {
        router.replace("/");
        router.refresh();
      },
    }),
  );
  const { errors } = form.formState;

  return (
    <form
      onSubmit={form.handleSubmit((values) => accept.mutate({ token, password: values.password }))}
      className="space-y-4"
      noValidate
    >
      {accept.error ? <Alert tone="error">{errorMessage(accept.error)}</Alert> : null}
      <Field label="Email" htmlFor="email">
        {/* Read-only, and there for password managers to file the new password under. */}
        <Input id="email" type="email" autoComplete="username" value={email} readOnly />
      </Field>
      <NewPasswordFields
        password={{ field: form.register("password"), error: errors.password?.message }}
        confirm={{ field: form.register("confirm"), error: errors.confirm?.message }}
        autoFocus
      />
      <Button type="submit" className="w-full" disabled={accept.isPending}>
        {accept.isPending ? "Creating your account…" : "Create account and sign in"}
      </Button>
    </form>
  );
}
