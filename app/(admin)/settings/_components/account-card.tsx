"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PasswordField } from "@/components/ui/password-field";

const schema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: z
      .string()
      .min(10, "Use at least 10 characters for the password.")
      .max(200, "Use at most 200 characters for the password."),
    confirm: z.string(),
  })
  .refine((values) => values.newPassword === values.confirm, {
    path: ["confirm"],
    message: "The passwords don't match.",
  })
  .refine((values) => values.newPassword !== values.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });
type Values = z.infer<typeof schema>;

const SERVER_FIELDS = ["currentPassword", "newPassword"] as const;

/** The signed-in admin's email and password. */
export function AccountCard({
  email,
  description = "Changing the password signs you out everywhere else.",
  onChanged,
}: {
  email: string;
  description?: string;
  /** After a successful change (the first-sign-in gate reloads the page behind it). */
  onChanged?: () => void;
}) {
  const trpc = useTRPC();
  const [done, setDone] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { currentPassword: "", newPassword: "", confirm: "" },
  });
  const change = useMutation(
    trpc.user.changePassword.mutationOptions({
      onSuccess: ({ signedOutSessions }) => {
        form.reset();
        setDone(
          signedOutSessions === 0
            ? "Password changed."
            : `Password changed. ${signedOutSessions} other ${
                signedOutSessions === 1 ? "session was" : "sessions were"
              } signed out.`,
        );
        onChanged?.();
      },
      onError: (error) => {
        const details = fieldErrors(error);
        let placed = false;
        for (const field of SERVER_FIELDS) {
          const detail = details.find((item) => item.path === field);
          if (detail) {
            form.setError(field, { type: "server", message: detail.message }, { shouldFocus: !placed });
            placed = true;
          }
        }
        if (!placed) setFormError(errorMessage(error));
      },
    }),
  );
  const { errors } = form.formState;

  return (
    <Card title="Your account" description={description}>
      <dl className="mb-5 text-sm">
        <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Email</dt>
        <dd data-testid="account-email" className="mt-1 font-medium text-slate-900">
          {email}
        </dd>
      </dl>
      <form
        onSubmit={form.handleSubmit((values) => {
          setDone(null);
          setFormError(null);
          change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
        })}
        noValidate
        aria-label="Change password"
        className="max-w-md space-y-4"
      >
        {/* Lets password managers tie the new password to this account. */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        {done ? <Alert tone="success">{done}</Alert> : null}
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <PasswordField
          id="current-password"
          label="Current password"
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...form.register("currentPassword")}
        />
        <PasswordField
          id="new-password"
          label="New password"
          autoComplete="new-password"
          error={errors.newPassword?.message}
          hint="At least 10 characters."
          {...form.register("newPassword")}
        />
        <PasswordField
          id="confirm-password"
          label="Confirm new password"
          autoComplete="new-password"
          error={errors.confirm?.message}
          {...form.register("confirm")}
        />
        <Button type="submit" disabled={change.isPending}>
          {change.isPending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </Card>
  );
}
