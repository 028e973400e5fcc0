import type { ReactNode } from "react";
import { type NavItem, Sidebar } from "@/components/layout/sidebar";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { requireUser } from "@/server/auth/current-user";
import { type Action, can, ROLE_LABELS } from "@/shared/permissions";
import { PasswordGate } from "./_components/password-gate";
import { RoleProvider } from "./_components/role";
import { TwoFactorGate } from "./_components/two-factor-gate";

export const dynamic = "force-dynamic";

/** Each page, and what a role must be allowed to read to see it in the navigation. */
const NAV: Array<NavItem & { action: Action }> = [
  { href: "/", label: "Dashboard", action: "deliveries.read" },
  { href: "/notifications", label: "Notifications", badge: "unread", action: "hooks.read" },
  { href: "/contacts", label: "Contacts", action: "contacts.read" },
  { href: "/events", label: "Events", action: "events.read" },
  { href: "/imports", label: "Imports", action: "imports.read" },
  { href: "/automations", label: "Automations", action: "automations.read" },
  { href: "/hooks", label: "Hooks", action: "hooks.read" },
  { href: "/deliveries", label: "Deliveries", action: "deliveries.read" },
  { href: "/api-keys", label: "API keys", action: "apiKeys.read" },
  { href: "/audit", label: "Audit log", action: "audit.read" },
  // Everyone has an account to manage there, whether or not they see Hookline's settings.
  { href: "/settings", label: "Settings", action: "account.manage" },
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
      <Sidebar
        items={NAV.filter((item) => can(user.role, item.action))}
        email={user.email}
        role={ROLE_LABELS[user.role].one}
      />
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 outline-none sm:px-6 lg:px-8 lg:py-6">
        <RoleProvider role={user.role}>
          <TimeZoneProvider zone={user.timeZone}>
            {user.mustChangePassword ? <PasswordGate email={user.email} /> : children}
          </TimeZoneProvider>
        </RoleProvider>
      </main>
    </div>
  );
}
