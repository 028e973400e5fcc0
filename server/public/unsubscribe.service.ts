// Unsubscribe links: /u/<contact id>.<HMAC-SHA256 of the id>, so the link is unguessable, cannot be
// altered to point at another contact, and needs no table of tokens. Nothing changes on GET: mail
// scanners prefetch links. Unsubscribing happens on POST, as the contact (source "public").
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db";
import { config } from "@/server/config/config";
import { findContactById } from "@/server/contacts/contact.queries";
import { getContact, setContactStatus } from "@/server/contacts/contact.service";
import { hasPrefix } from "@/server/lib/ids";
import { getAppSecret } from "./app-secret";
import { CONTACT_ACTOR } from "./subscribe.service";

const SECRET_PURPOSE = "unsubscribe_links";
// Domain separation: HOOKLINE_SESSION_SECRET may key other things; this MAC only means "unsubscribe".
const MESSAGE_PREFIX = "hookline:unsubscribe:v1:";

function sign(secret: Buffer, contactId: string): string {
  return createHmac("sha256", secret)
    .update(MESSAGE_PREFIX + contactId)
    .digest("base64url");
}

export async function unsubscribeToken(db: Db, contactId: string): Promise<string> {
  return `${contactId}.${sign(await getAppSecret(db, SECRET_PURPOSE), contactId)}`;
}

/** The contact id the token was made for, or null when it was forged or altered. */
export async function verifyUnsubscribeToken(db: Db, token: string): Promise<string | null> {
  const dot = token.lastIndexOf(".");
  if (dot <= 0 || token.length > 200) return null;
  const contactId = token.slice(0, dot);
  if (!hasPrefix(contactId, "ctc")) return null;
  const given = Buffer.from(token.slice(dot + 1), "utf8");
  const expected = Buffer.from(sign(await getAppSecret(db, SECRET_PURPOSE), contactId), "utf8");
  // Lengths are public (always 43 characters); the comparison of the bytes is constant-time.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return contactId;
}

export function unsubscribePath(token: string): string {
  return `/u/${token}`;
}

/** The link for a contact (throws not_found for an unknown one). Absolute when the public URL is known. */
export async function unsubscribeUrl(
  db: Db,
  contactId: string,
): Promise<{ path: string; url: string | null }> {
  await getContact(db, { id: contactId });
  const path = unsubscribePath(await unsubscribeToken(db, contactId));
  const base = config().publicUrl;
  return { path, url: base ? new URL(path, base).toString() : null };
}

export type UnsubscribeView =
  | { state: "invalid" }
  | { state: "subscribed" | "unsubscribed" | "bounced"; email: string };

/** What the link's page shows. Read-only. A forged link and a deleted contact look the same. */
export async function viewUnsubscribeLink(db: Db, token: string): Promise<UnsubscribeView> {
  const contactId = await verifyUnsubscribeToken(db, token);
  if (!contactId) return { state: "invalid" };
  const contact = await findContactById(db, contactId);
  if (!contact) return { state: "invalid" };
  return { state: contact.status, email: contact.email };
}

/** Applies the person's choice. Returns false (and changes nothing) when the link is not valid. */
export async function applyUnsubscribeLink(
  db: Db,
  token: string,
  choice: "unsubscribe" | "resubscribe",
): Promise<boolean> {
  const contactId = await verifyUnsubscribeToken(db, token);
  if (!contactId) return false;
  const contact = await findContactById(db, contactId);
  if (!contact) return false;
  // A bounced address stays bounced either way: it already receives nothing, and can't be revived here.
  if (contact.status === "bounced") return true;
  const status = choice === "unsubscribe" ? "unsubscribed" : "subscribed";
  try {
    await setContactStatus(db, { actor: CONTACT_ACTOR, id: contactId, status });
  } catch (error) {
    // Deleted between the read and the write: the neutral page, as for any dead link.
    if ((error as { code?: string }).code === "not_found") return false;
    throw error;
  }
  return true;
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return email;
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? local.slice(0, 1) : local.slice(0, 2);
  return `${shown}${"•".repeat(Math.max(1, Math.min(local.length - shown.length, 6)))}${email.slice(at)}`;
}
