import type { ReactNode } from "react";
import { type NavItem, Sidebar } from "@/components/layout/sidebar";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { requireUser } from "@/server/auth/current-user";
import { PasswordGate } from "./_components/password-gate";
import { TwoFactorGate } from "./_components/two-factor-gate";

export const dynamic = "force-dynamic";

const NAV: NavItem[] = [
  { href: "/", label: "Dashboard" },
  { href: "/notifications", label: "Notifications", badge: "unread" },
  { href: "/contacts", label: "Contacts" },
  { href: "/events", label: "Events" },
  { href: "/imports", label: "Imports" },
  { href: "/automations", label: "Automations" },
  { href: "/hooks", label: "Hooks" },
  { href: "/api-keys", label: "API keys" },
  { href: "/audit", label: "Audit log" },
  { href: "/settings", label: "Settings" },
];

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  // Every admin must use two-factor sign-in and this one doesn't yet: the set-up is all there is
  // (the server refuses the rest), so not even the navigation is shown.
  if (user.mustSetUpTwoFactor && !user.mustChangePassword) return <TwoFactorGate email={user.email} />;
  return (
    <div className="min-h-screen lg:flex">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow ring-1 ring-slate-300 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <Sidebar items={NAV} email={user.email} />
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 outline-none sm:px-6 lg:px-8 lg:py-6">
        <TimeZoneProvider zone={user.timeZone}>
          {user.mustChangePassword ? <PasswordGate email={user.email} /> : children}
        </TimeZoneProvider>
      </main>
    </div>
  );
}
