// Portal links: a signed, expiring link to the self-service portal, scoped to one API key. The
// token is `<session id>.<expiry, unix seconds in base 36>.<HMAC-SHA256>`; it travels in the URL's
// path (a third-party iframe gets no cookies) and the portal's client sends it back as a header.
// A forged, altered, expired or revoked token, or one whose key was revoked, expired or lost the
// `hooks` scope, resolves to nothing: every one of them is "link expired or invalid".
import { createHmac, timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "@/db";
import { recordAudit } from "@/server/audit/audit.service";
import { AppError, notFound } from "@/server/errors";
import type { Actor, RequestOrigin } from "@/server/events/actor";
import { hasPrefix, newId } from "@/server/lib/ids";
import { getAppSecret } from "@/server/public/app-secret";
import { hasScope, readScopes } from "@/shared/api-key-scopes";

const SECRET_PURPOSE = "portal_links";
// Domain separation: HOOKLINE_SESSION_SECRET may key other things; this MAC only means "portal link".
const MESSAGE_PREFIX = "hookline:portal:v1:";
const MAX_TOKEN_LENGTH = 200;

export const PORTAL_DEFAULT_SECONDS = 3600;
export const PORTAL_MAX_SECONDS = 24 * 3600;
export const PORTAL_MIN_SECONDS = 60;

/** How long a new link lives, in seconds: the REST body's `expires_in` and the admin UI's choice. */
export const portalExpiresIn = z
  .number({ error: "expires_in is a number of seconds." })
  .int("expires_in is a whole number of seconds.")
  .min(PORTAL_MIN_SECONDS, `A portal link lives at least ${PORTAL_MIN_SECONDS} seconds.`)
  .max(PORTAL_MAX_SECONDS, `A portal link lives at most ${PORTAL_MAX_SECONDS} seconds (24 hours).`);

export const portalSessionInput = z.strictObject({
  expires_in: portalExpiresIn.default(PORTAL_DEFAULT_SECONDS),
});

export interface PortalLink {
  /** /portal/<token> */
  path: string;
  /** Absolute: the path on `baseUrl` (null without one: the admin UI adds its own origin). */
  url: string | null;
  expires_at: string;
}

/** What a valid token stands for: the session and the key whose hooks it shows. */
export interface PortalSession {
  id: string;
  apiKeyId: string;
  apiKeyName: string;
  expiresAt: Date;
}

function mac(secret: Buffer, body: string): string {
  return createHmac("sha256", secret)
    .update(MESSAGE_PREFIX + body)
    .digest("base64url");
}

async function signToken(db: Db, sessionId: string, expiresAt: Date): Promise<string> {
  const body = `${sessionId}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${mac(await getAppSecret(db, SECRET_PURPOSE), body)}`;
}

/** The session id and expiry a token was signed with, or null when it was forged or altered. */
export async function verifyPortalToken(
  db: Db,
  token: string,
): Promise<{ sessionId: string; expiresAt: Date } | null> {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [sessionId, expiry, given] = parts as [string, string, string];
  if (!hasPrefix(sessionId, "pts") || !/^[0-9a-z]{1,10}$/.test(expiry)) return null;
  const expected = Buffer.from(mac(await getAppSecret(db, SECRET_PURPOSE), `${sessionId}.${expiry}`), "utf8");
  const actual = Buffer.from(given, "utf8");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { sessionId, expiresAt: new Date(Number.parseInt(expiry, 36) * 1000) };
}

/**
 * The session a token opens, or null: forged, altered, expired, revoked, or its key revoked,
 * expired or without the `hooks` scope. Read on every portal request, so a revoke is immediate.
 */
export async function resolvePortalSession(
  db: Db,
  token: string | null | undefined,
): Promise<PortalSession | null> {
  if (!token) return null;
  const signed = await verifyPortalToken(db, token);
  if (!signed || signed.expiresAt.getTime() <= Date.now()) return null;
  const row = await db
    .selectFrom("portal_sessions")
    .innerJoin("api_keys", "api_keys.id", "portal_sessions.api_key_id")
    .select([
      "portal_sessions.id",
      "portal_sessions.api_key_id",
      "portal_sessions.expires_at",
      "portal_sessions.revoked_at",
      "api_keys.name",
      "api_keys.scopes",
      "api_keys.revoked_at as key_revoked_at",
      "api_keys.expires_at as key_expires_at",
    ])
    .where("portal_sessions.id", "=", signed.sessionId)
    .executeTakeFirst();
  const now = Date.now();
  if (
    !row ||
    row.revoked_at ||
    row.expires_at.getTime() <= now ||
    row.key_revoked_at ||
    (row.key_expires_at && row.key_expires_at.getTime() <= now) ||
    !hasScope(readScopes(row.scopes), "hooks")
  ) {
    return null;
  }
  return { id: row.id, apiKeyId: row.api_key_id, apiKeyName: row.name, expiresAt: row.expires_at };
}

/** Who acts in the portal: the key itself (its hooks, its scope), labelled as the portal in the audit log. */
export function portalActor(session: PortalSession, origin?: RequestOrigin): Actor {
  return { source: "api", apiKeyId: session.apiKeyId, name: `${session.apiKeyName} (portal)`, origin };
}

export function portalPath(token: string): string {
  return `/portal/${token}`;
}

/**
 * Makes a link to the portal of `apiKeyId`, living `expiresIn` seconds (at most 24 hours). The key
 * must be usable: not revoked, not expired, with the `hooks` scope.
 */
export async function createPortalSession(
  db: Db,
  options: { apiKeyId: string; actor: Actor; expiresIn?: number; baseUrl: string | undefined },
): Promise<PortalLink> {
  const seconds = portalExpiresIn.parse(options.expiresIn ?? PORTAL_DEFAULT_SECONDS);
  const id = newId("pts");
  const { expiresAt } = await db.transaction().execute(async (trx) => {
    const key = await trx
      .selectFrom("api_keys")
      .select(["revoked_at", "expires_at", "scopes"])
      .where("id", "=", options.apiKeyId)
      .forShare()
      .executeTakeFirst();
    if (!key) throw notFound("API key");
    if (key.revoked_at)
      throw new AppError("conflict", "That API key has been revoked; its portal is closed.");
    if (key.expires_at && key.expires_at.getTime() <= Date.now()) {
      throw new AppError("conflict", "That API key has expired; its portal is closed.");
    }
    if (!hasScope(readScopes(key.scopes), "hooks")) {
      throw new AppError("conflict", "That API key has no `hooks` scope, so its portal would show nothing.");
    }
    // Never outlives the key itself. Both times from this clock, so the row's 24-hour check
    // holds whatever the database's clock says.
    const createdAt = new Date();
    let expires = new Date(createdAt.getTime() + seconds * 1000);
    if (key.expires_at && key.expires_at < expires) expires = key.expires_at;
    // Whole seconds: the token carries the expiry in seconds and the row must say the same.
    expires = new Date(Math.floor(expires.getTime() / 1000) * 1000);
    await trx
      .insertInto("portal_sessions")
      .values({
        id,
        api_key_id: options.apiKeyId,
        created_by: options.actor.source === "admin" ? options.actor.userId : null,
        created_at: createdAt,
        expires_at: expires,
      })
      .execute();
    await recordAudit(trx, options.actor, {
      kind: "api_key.portal_link_created",
      objectType: "api_key",
      objectId: options.apiKeyId,
      changes: { portal_link_expires_at: { before: null, after: expires.toISOString() } },
    });
    return { expiresAt: expires };
  });
  const path = portalPath(await signToken(db, id, expiresAt));
  return {
    path,
    url: options.baseUrl ? new URL(path, options.baseUrl).toString() : null,
    expires_at: expiresAt.toISOString(),
  };
}

/** Closes every open portal link of a key at once; returns how many were open. */
export async function revokePortalSessions(
  db: Db,
  options: { apiKeyId: string; actor: Actor },
): Promise<{ revoked: number }> {
  return db.transaction().execute(async (trx) => {
    const key = await trx
      .selectFrom("api_keys")
      .select("id")
      .where("id", "=", options.apiKeyId)
      .forUpdate()
      .executeTakeFirst();
    if (!key) throw notFound("API key");
    const revoked = await trx
      .updateTable("portal_sessions")
      .set({ revoked_at: sql<Date>`now()` })
      .where("api_key_id", "=", options.apiKeyId)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", sql<Date>`now()`)
      .returning("id")
      .execute();
    await recordAudit(trx, options.actor, {
      kind: "api_key.portal_links_revoked",
      objectType: "api_key",
      objectId: options.apiKeyId,
      changes: { open_portal_links: { before: revoked.length, after: 0 } },
    });
    return { revoked: revoked.length };
  });
}

/** How many of a key's links are open now, for the admin UI. */
export async function countOpenPortalSessions(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("portal_sessions")
    .select(["api_key_id", (eb) => eb.fn.countAll<string>().as("open")])
    .where("revoked_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .groupBy("api_key_id")
    .execute();
  return new Map(rows.map((row) => [row.api_key_id, Number(row.open)]));
}
