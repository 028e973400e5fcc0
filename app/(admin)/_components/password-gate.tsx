"use client";
import { useRouter } from "next/navigation";
import { AccountCard } from "../settings/_components/account-card";

/**
 * What an admin sees first when another admin chose their password: nothing else of Hookline
 * until they choose their own (the one they were given is known to someone else).
 */
export function PasswordGate({ email }: { email: string }) {
  const router = useRouter();
  return (
    <div className="max-w-xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Choose your own password</h1>
        <p className="mt-1 text-sm text-slate-600">
          Another admin set the password you signed in with. Replace it with one only you know to continue.
        </p>
      </header>
      <AccountCard
        email={email}
        description="Use the password you were given as the current one."
        onChanged={() => router.refresh()}
      />
    </div>
  );
}
