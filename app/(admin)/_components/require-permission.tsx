// For pages that exist to change something (a new contact, an edit): who may not take the action
// reads why, instead of a form the server would refuse.
import type { ReactNode } from "react";
import { requireUser } from "@/server/auth/current-user";
import { type Action, can } from "@/shared/permissions";
import { NotAllowed } from "./role";

export async function RequirePermission({ action, children }: { action: Action; children: ReactNode }) {
  const user = await requireUser();
  return can(user.role, action) ? children : <NotAllowed action={action} />;
}
