"use client";
import type { InputHTMLAttributes } from "react";
import { Field, Input } from "./field";

/**
 * A labelled password input: the one way the sign-in, set-up, invitation, account and two-factor
 * forms ask for a password. `autoComplete` says which kind it is, so password managers fill the
 * current one and offer to save (or generate) a new one.
 */
export function PasswordField({
  id,
  label,
  autoComplete,
  error,
  hint,
  ...input
}: {
  id: string;
  label: string;
  autoComplete: "current-password" | "new-password";
  error?: string | undefined;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type" | "autoComplete">) {
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <Input id={id} type="password" autoComplete={autoComplete} aria-invalid={!!error} {...input} />
    </Field>
  );
}
