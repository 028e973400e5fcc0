// What the admin UI's sign-in, user and invitation procedures answer (`.output()`).
import { z } from "zod";
import { ROLES } from "@/shared/permissions";

/** The signed-in user as the sign-in answers name them. */
export const sessionUser = z.object({ id: z.string(), email: z.string() });

const role = z.enum(ROLES);

export const userResource = z.object({ id: z.string(), email: z.string(), role, created_at: z.string() });

/** A user as the settings page lists them. */
export const userAdminResource = userResource.extend({
  last_sign_in_at: z.string().nullable(),
  two_factor: z.boolean(),
});

export const passwordChanged = z.object({ signedOutSessions: z.number().int() });

/** A link made once and shown once: its path, and its full URL where the app's origin is known. */
export const oneTimeLink = z.object({ path: z.string(), url: z.string().nullable() });

export const invitationResource = z.object({
  id: z.string(),
  email: z.string(),
  role,
  invited_by: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string(),
});

export const invitationCreated = z.object({ invitation: invitationResource, link: oneTimeLink });

export const signInOutcome = z.discriminatedUnion("next", [
  z.object({ next: z.literal("signed_in"), user: sessionUser }),
  z.object({ next: z.literal("second_factor") }),
]);

export const authStatus = z.object({ needsSetup: z.boolean(), user: sessionUser.nullable() });

export const signInCodeAccepted = z.object({ user: sessionUser, usedRecoveryCode: z.boolean() });
