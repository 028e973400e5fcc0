// What the public pages' branding may be: the Settings form and the service share these rules.
import { z } from "zod";

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);

export const brandingInput = z.object({
  name: text(60).min(1, "Give the name your subscribers know you by."),
  /** An image on https (shown at 32 px); null shows the name's first letter on the colour. */
  logo_url: z
    .url({ protocol: /^https$/, error: "Use an https:// address of an image." })
    .max(500)
    .nullable(),
  /** Buttons and the letter mark: #rrggbb, so it can go into CSS as it is. */
  color: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #3b55e6.")
    .transform((value) => value.toLowerCase()),
  subscribe_title: text(200).min(1, "Give the form a heading."),
  subscribe_text: text(500),
  subscribe_done: text(500).min(1, "Say what happens after someone subscribes."),
  /** Under the card on both pages: who sends the emails, an address, a privacy line. */
  footer: text(500),
});
export type Branding = z.infer<typeof brandingInput>;

export const DEFAULT_BRANDING: Branding = {
  name: "Hookline",
  logo_url: null,
  color: "#3b55e6",
  subscribe_title: "Join our newsletter",
  subscribe_text: "News and updates, a couple of times a month. No spam.",
  subscribe_done: "Thanks for subscribing. Look out for our next email.",
  footer: "We only use your email to send you our newsletter. Every email has a link to unsubscribe.",
};

/** What the branding procedures answer (`.output()`): the settings as stored, not re-validated. */
export const branding = z.object({
  name: z.string(),
  logo_url: z.string().nullable(),
  color: z.string(),
  subscribe_title: z.string(),
  subscribe_text: z.string(),
  subscribe_done: z.string(),
  footer: z.string(),
});
