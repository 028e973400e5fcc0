import type { ReactNode } from "react";
import { type NavItem, Sidebar } from "@/components/layout/sidebar";
import { requireUser } from "@/server/auth/current-user";
import { PasswordGate } from "./_components/password-gate";
import { TwoFactorGate } from "./_components/two-factor-gate";

export const dynamic = "force-dynamic";

const NAV: NavItem[] = [
  { href: "/", label: "Dashboard" },
  { href: "/contacts", label: "Contacts" },
  { href: "/events", label: "Events" },
  { href: "/imports", label: "Imports" },
  { href: "/automations", label: "Automations" },
  { href: "/hooks", label: "Hooks" },
  { href: "/api-keys", label: "API keys" },
  { href: "/settings", label: "Settings" },
];

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  // Every admin must use two-factor sign-in and this one doesn't yet: the set-up is all there is
  // (the server refuses the rest), so not even the navigation is shown.
  if (user.mustSetUpTwoFactor && !user.mustChangePassword) return <TwoFactorGate email={user.email} />;
  return (
    <div className="flex min-h-screen">
      <Sidebar items={NAV} email={user.email} />
      <main className="min-w-0 flex-1 px-8 py-6">
        {user.mustChangePassword ? <PasswordGate email={user.email} /> : children}
      </main>
    </div>
  );
}
