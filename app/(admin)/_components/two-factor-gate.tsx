"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AuthCard } from "@/components/layout/auth-card";
import { useSignOut } from "@/components/layout/use-sign-out";
import { RecoveryCodes } from "../settings/_components/recovery-codes";
import { TwoFactorSetup } from "../settings/_components/two-factor-setup";

/**
 * The whole admin UI, for an admin who must set up two-factor sign-in before anything else (every
 * admin must use it, and they don't yet): the set-up, on every page, until it is done.
 */
export function TwoFactorGate({ email }: { email: string }) {
  const router = useRouter();
  const signOut = useSignOut();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  return (
    <AuthCard
      wide
      title="Set up two-factor sign-in"
      subtitle="Every admin of this Hookline signs in with a password and a code from an authenticator app on their phone. Set yours up to continue."
    >
      {recoveryCodes ? (
        // Saved: the page they asked for appears.
        <RecoveryCodes codes={recoveryCodes} onDone={() => router.refresh()} />
      ) : (
        <TwoFactorSetup autoStart onEnabled={setRecoveryCodes} />
      )}
      <p className="mt-6 flex flex-wrap items-center gap-x-2 border-t border-slate-100 pt-4 text-sm text-slate-500">
        Signed in as <span className="font-medium text-slate-700">{email}</span>
        <button
          type="button"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
          className="font-medium text-brand-700 hover:underline"
        >
          Sign out
        </button>
      </p>
    </AuthCard>
  );
}
