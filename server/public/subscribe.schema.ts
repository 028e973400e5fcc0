// What the public subscribe form accepts, from the hosted page or a form embedded on a website.
import { z } from "zod";
import { contactEmail } from "@/shared/contact.schema";

const name = (label: string) =>
  z
    .string()
    .trim()
    .max(200, `${label} must be at most 200 characters.`)
    .optional()
    .transform((value) => (value ? value : undefined));

export const HONEYPOT_FIELD = "website";

export const publicSubscribeInput = z.object({
  email: z.string({ error: "Enter your email address." }).pipe(contactEmail),
  first_name: name("First name"),
  last_name: name("Last name"),
  /** Hidden from people; bots that fill every field fill this one too. */
  [HONEYPOT_FIELD]: z.string().max(2000).optional(),
});
export type PublicSubscribeInput = z.infer<typeof publicSubscribeInput>;

/** The one answer every accepted request gets, new email or known, honeypot or not. */
export const SUBSCRIBE_ANSWER = {
  ok: true,
  message: "Thanks! You're on the list.",
} as const;
