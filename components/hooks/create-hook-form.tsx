"use client";
// Creating a hook, for the admin's "New hook" page and the portal alike: the form, and a refused
// handshake or target explained above it with what to do about it.
import { errorCode, errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import {
  HookForm,
  type HookFormValues,
  type HookSettingsInput,
  hookRefusalHelp,
  hookSettingsInput,
} from "./hook-form";

export function CreateHookForm({
  initial,
  pending,
  error,
  onCreate,
  onCancel,
  note,
  focusOnMount,
}: {
  /** The values to start from: the last hook's, so "another like it" is a small change. */
  initial: HookFormValues;
  pending: boolean;
  /** The create mutation's last error. */
  error: unknown;
  onCreate: (input: HookSettingsInput, values: HookFormValues) => void;
  onCancel?: () => void;
  note?: string;
  focusOnMount?: boolean;
}) {
  const help = hookRefusalHelp(errorCode(error));
  return (
    <>
      {error && help ? (
        <div className="mb-5" data-testid="create-refused">
          <Alert tone="error">
            <strong className="font-semibold">{errorMessage(error)}</strong>
            <span className="mt-1 block">{help}</span>
          </Alert>
        </div>
      ) : null}
      <HookForm
        initial={initial}
        submitLabel="Create hook"
        pendingLabel="Verifying the target…"
        pending={pending}
        error={help ? null : error}
        note={note}
        focusOnMount={focusOnMount}
        onCancel={onCancel}
        onSubmit={(values) => onCreate(hookSettingsInput(values), values)}
      />
    </>
  );
}
