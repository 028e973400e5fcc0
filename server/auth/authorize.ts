// The server side of the permission table: refuse with 403 what a user's role does not allow.
import { AppError } from "@/server/errors";
import { type Action, can, type Role, refusalMessage } from "@/shared/permissions";

export function assertCan(user: { role: Role }, action: Action): void {
  if (!can(user.role, action)) throw new AppError("forbidden", refusalMessage(user.role, action));
}
