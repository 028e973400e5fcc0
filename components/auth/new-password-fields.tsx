"use client";
import type { UseFormRegisterReturn } from "react-hook-form";
import { PasswordField as PasswordInput } from "@/components/ui/password-field";

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
      <PasswordInput
        id="password"
        label="Password"
        autoComplete="new-password"
        error={password.error}
        hint="At least 10 characters."
        autoFocus={autoFocus}
        {...password.field}
      />
      <PasswordInput
        id="confirm"
        label="Confirm password"
        autoComplete="new-password"
        error={confirm.error}
        {...confirm.field}
      />
    </>
  );
}
