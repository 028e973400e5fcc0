"use client";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field, Input } from "@/components/ui/field";

interface PasswordField {
  field: UseFormRegisterReturn;
  error: string | undefined;
}

/** A password someone chooses for themself, typed twice (the rules: new-password.ts). */
export function NewPasswordFields({
  password,
  confirm,
  autoFocus = false,
}: {
  password: PasswordField;
  confirm: PasswordField;
  autoFocus?: boolean;
}) {
  return (
    <>
      <Field label="Password" htmlFor="password" error={password.error} hint="At least 10 characters.">
        <Input
          id="password"
          type="password"
          autoComplete="new-password"
          autoFocus={autoFocus}
          aria-invalid={!!password.error}
          {...password.field}
        />
      </Field>
      <Field label="Confirm password" htmlFor="confirm" error={confirm.error}>
        <Input
          id="confirm"
          type="password"
          autoComplete="new-password"
          aria-invalid={!!confirm.error}
          {...confirm.field}
        />
      </Field>
    </>
  );
}
