// The public subscribe form: creates the contact, or re-subscribes one who had unsubscribed, as the
// contact itself (source "public"). Answers the same whatever happened, so nobody can probe which
// emails are on the list, and never touches a known contact's other data: the form is unauthenticated.
import type { Db } from "@/db";
import { createContact, setContactStatus } from "@/server/contacts/contact.service";
import { AppError, zodDetails } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { findContactByEmail } from "@/server/public/public.queries";
import { consumeRateLimit, type RateLimit } from "./rate-limit";
import { HONEYPOT_FIELD, publicSubscribeInput } from "./subscribe.schema";

export const CONTACT_ACTOR: Actor = { source: "public" };

/** Per IP: generous for an office behind one NAT, far too slow for a list-bombing script. */
export const SUBSCRIBE_RATE_LIMIT: RateLimit = { limit: 10, windowSeconds: 600 };

/**
 * Every request counts against the limit, valid or not, so the form can't be used to probe cheaply.
 * Throws rate_limited (429) or validation_failed (400); otherwise the caller gives SUBSCRIBE_ANSWER.
 */
export async function publicSubscribe(
  db: Db,
  raw: unknown,
  options: { ip: string; rateLimit?: RateLimit },
): Promise<void> {
  await consumeRateLimit(db, `subscribe:${options.ip}`, options.rateLimit ?? SUBSCRIBE_RATE_LIMIT);
  // A filled honeypot is a bot: it gets the success answer, before any validation, and nothing is written.
  const honeypot = (raw as Record<string, unknown> | null)?.[HONEYPOT_FIELD];
  if (typeof honeypot === "string" ? honeypot.trim() !== "" : honeypot != null) return;
  const parsed = publicSubscribeInput.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("validation_failed", "Please check the form.", {
      details: zodDetails(parsed.error.issues),
    });
  }
  const input = parsed.data;

  const existing = await findContactByEmail(db, input.email);
  if (!existing) {
    try {
      await createContact(db, {
        actor: CONTACT_ACTOR,
        input: {
          email: input.email,
          first_name: input.first_name ?? null,
          last_name: input.last_name ?? null,
          status: "subscribed",
        },
      });
      return;
    } catch (error) {
      // Someone subscribed the same email a moment ago: carry on as for a known contact.
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
    }
  }
  const contact = existing ?? (await findContactByEmail(db, input.email));
  // Only an unsubscribed contact comes back; a bounced address stays bounced (mail to it fails).
  if (contact?.status === "unsubscribed") {
    await setContactStatus(db, { actor: CONTACT_ACTOR, id: contact.id, status: "subscribed" });
  }
}
