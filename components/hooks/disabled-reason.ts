// Why a hook stopped, in words an admin can act on.
export const DISABLED_REASONS: Record<string, string> = {
  admin: "Disabled by an admin",
  api: "Disabled through the API",
  gone: "Receiver answered 410 Gone",
  failing: "Every attempt failed for 5 days",
  key_revoked: "Its API key was revoked",
};

export function disabledReasonText(reason: string | null | undefined): string {
  return (reason && DISABLED_REASONS[reason]) || "Disabled";
}
