"use client";
// The signed-in user's role, for the admin UI to disable what it may not do and say why. The
// server refuses the same actions on its own (shared/permissions.ts is the one table).
import { createContext, type ReactNode, useContext } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { type Action, can, type Role, refusalMessage } from "@/shared/permissions";

const RoleContext = createContext<Role | null>(null);

export function RoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

export function useRole(): Role {
  const role = useContext(RoleContext);
  if (!role) throw new Error("useRole needs a RoleProvider above it.");
  return role;
}

/** Whether the signed-in user may take `action`, and if not, the sentence that says why. */
export function usePermission(action: Action): { allowed: boolean; reason: string | undefined } {
  const role = useRole();
  const allowed = can(role, action);
  return { allowed, reason: allowed ? undefined : refusalMessage(role, action) };
}

/**
 * A link styled as a button ("New contact") that, when the role may not take `action`, is a
 * disabled button whose title says why.
 */
export function PermittedLink({
  action,
  href,
  variant,
  size,
  children,
}: {
  action: Action;
  href: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  children: ReactNode;
}) {
  const { allowed, reason } = usePermission(action);
  if (allowed) {
    return (
      <ButtonLink href={href} variant={variant} size={size}>
        {children}
      </ButtonLink>
    );
  }
  return (
    <Button variant={variant} size={size} disabled title={reason}>
      {children}
    </Button>
  );
}

/** In place of a form or page the role may not use: what it is and why it isn't there. */
export function NotAllowed({ action }: { action: Action }) {
  const { reason } = usePermission(action);
  return (
    <p role="note" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200">
      {reason}
    </p>
  );
}
