"use client";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/**
 * Confirms resetting another user's two-factor sign-in (they lost their phone and their recovery
 * codes): says what happens to them, then resets it. Open while `user` is set.
 */
export function ResetTwoFactorDialog({
  user,
  onReset,
  onClose,
}: {
  user: { id: string; email: string } | null;
  onReset: () => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const reset = useMutation(
    trpc.user.resetTwoFactor.mutationOptions({
      onSuccess: () => {
        onReset();
        onClose();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={user !== null}
      title={`Reset two-factor sign-in for ${user?.email ?? ""}?`}
      confirmLabel="Reset two-factor"
      pendingLabel="Resetting…"
      pending={reset.isPending}
      error={reset.error ? errorMessage(reset.error) : null}
      onConfirm={() => user && reset.mutate({ id: user.id })}
      onClose={() => {
        reset.reset();
        onClose();
      }}
    >
      Their authenticator app and recovery codes stop working and they are signed out everywhere. They sign in
      again with their password alone, then set up two-factor sign-in anew on their Settings page (at once,
      where every user must use it).
    </ConfirmDialog>
  );
}
