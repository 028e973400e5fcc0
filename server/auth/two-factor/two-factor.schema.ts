// What the two-factor procedures answer (`.output()`).
import { z } from "zod";

export const twoFactorStatus = z.object({
  enabled: z.boolean(),
  enabled_at: z.string().nullable(),
  recovery_codes_left: z.number().int(),
});

export const twoFactorSetup = z.object({
  secret: z.string(),
  uri: z.string(),
  qr: z.object({ size: z.number().int(), path: z.string() }),
});

export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const twoFactorRequirement = z.object({ required: z.boolean(), admins_without: z.number().int() });

/** Another user's two-factor sign-in reset: how many of their sessions it ended. */
export const twoFactorReset = z.object({ signedOutSessions: z.number().int() });
