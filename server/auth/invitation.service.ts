// Invitations: how a new user arrives. An owner or admin invites an email address with a role and
// hands over the one-time link; the invitee chooses their own password there and is signed in.
// Only the token's SHA-256 is stored; a link works once, for at most seven days, until revoked.
import "server-only";
import { sql } from "kysely";
import { z } from "zod";
import type { Db, Executor } from "@/db";
import { recordAudit } from "@/server/audit/audit.service";
import { AppError } from "@/server/errors";
import type { Actor, RequestOrigin } from "@/server/events/actor";
import { newId, randomBase62 } from "@/server/lib/ids";
import { actionToManage, can, ROLES, type Role, refusalMessage } from "@/shared/permissions";
import { hashPassword } from "./password";
import { createSession, type SignInResult } from "./session.service";
import { sha256Hex } from "./tokens";
import { auditUserCreated, insertUserWithHash, userInput } from "./user.service";

export const INVITATION_TTL_DAYS = 7;
const TOKEN_LENGTH = 43;
const TOKEN_PATTERN = /^[0-9A-Za-z]{43}$/;

export const invitationInput = z.object({
  email: userInput.shape.email,
  role: z.enum(ROLES, { error: "Choose one of the roles: owner, admin, marketer or viewer." }),
});
export type InvitationInput = z.infer<typeof invitationInput>;

export interface InvitationResource {
  id: string;
  email: string;
  role: Role;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
}

/** Where the invitee goes; absolute when Hookline knows its public address. */
export function invitationLink(token: string): { path: string; url: string | null } {
  const path = `/invitations/${token}`;
  const base = process.env.HOOKLINE_PUBLIC_URL;
  return { path, url: base ? new URL(path, base).toString() : null };
}

/** The acting user's role as it is now, read under the lock the change takes. */
async function currentRole(trx: Executor, userId: string): Promise<Role> {
  const row = await trx.selectFrom("users").select("role").where("id", "=", userId).executeTakeFirst();
  if (!row) throw new AppError("unauthorized", "Your account no longer exists.");
  return row.role;
}

function assertMayInvite(actorRole: Role, role: Role): void {
  const action = actionToManage(role);
  if (!can(actorRole, action)) throw new AppError("forbidden", refusalMessage(actorRole, action));
}

/**
 * Invites `email` as `role`; the link's token is in the answer and nowhere else. Inviting an
 * address again replaces its pending invitation, so only the newest link works.
 */
export function createInvitation(
  db: Db,
  input: InvitationInput & { actorId: string; actor?: Actor },
): Promise<{ invitation: InvitationResource; token: string; link: { path: string; url: string | null } }> {
  return db.transaction().execute(async (trx) => {
    // The same lock as role changes and sign-up by invitation: an email can't be invited while
    // it is becoming a user, nor by someone losing the right to invite at that moment.
    await sql`lock table users in share row exclusive mode`.execute(trx);
    assertMayInvite(await currentRole(trx, input.actorId), input.role);
    const existing = await trx
      .selectFrom("users")
      .select("id")
      .where("email", "=", input.email)
      .executeTakeFirst();
    if (existing) {
      const message = "Someone with this email can already sign in.";
      throw new AppError("conflict", message, { details: [{ path: "email", message }] });
    }
    await trx
      .updateTable("invitations")
      .set({ revoked_at: sql`now()` })
      .where("email", "=", input.email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    const token = randomBase62(TOKEN_LENGTH);
    const row = await trx
      .insertInto("invitations")
      .values({
        id: newId("inv"),
        email: input.email,
        role: input.role,
        token_hash: sha256Hex(token),
        invited_by: input.actorId,
        expires_at: sql<Date>`now() + make_interval(days => ${INVITATION_TTL_DAYS})`,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.actor) {
      await recordAudit(trx, input.actor, {
        kind: "user.invited",
        objectType: "user",
        objectId: row.id,
        changes: { email: { before: null, after: row.email }, role: { before: null, after: row.role } },
      });
    }
    return { invitation: toInvitationResource(row), token, link: invitationLink(token) };
  });
}

function toInvitationResource(row: {
  id: string;
  email: string;
  role: Role;
  invited_by: string | null;
  created_at: Date;
  expires_at: Date;
}): InvitationResource {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invited_by: row.invited_by,
    created_at: row.created_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
  };
}

/** Invitations still waiting to be accepted (not used, revoked or expired), newest first. */
export async function listPendingInvitations(db: Executor): Promise<InvitationResource[]> {
  const rows = await db
    .selectFrom("invitations")
    .select(["id", "email", "role", "invited_by", "created_at", "expires_at"])
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(toInvitationResource);
}

/** The link stops working at once. Only an owner revokes an invitation to become an owner. */
export function revokeInvitation(
  db: Db,
  input: { actorId: string; id: string; actor?: Actor },
): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const invitation = await trx
      .selectFrom("invitations")
      .select(["role", "email"])
      .where("id", "=", input.id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!invitation) throw new AppError("not_found", "No pending invitation with that id.");
    assertMayInvite(await currentRole(trx, input.actorId), invitation.role);
    await trx.updateTable("invitations").set({ revoked_at: sql`now()` }).where("id", "=", input.id).execute();
    if (input.actor) {
      await recordAudit(trx, input.actor, {
        kind: "user.invitation_revoked",
        objectType: "user",
        objectId: input.id,
        changes: { email: { before: invitation.email, after: null } },
      });
    }
  });
}

export type InvitationLookup =
  | { state: "pending"; email: string; role: Role; expires_at: string }
  | { state: "unknown" | "expired" | "used" | "revoked" };

/** The invitation a token names, and whether it has expired by the database's clock. */
function invitationByToken(db: Executor, token: string) {
  return db
    .selectFrom("invitations")
    .select((eb) => [
      "id",
      "email",
      "role",
      "expires_at",
      "accepted_at",
      "revoked_at",
      eb(sql.ref("expires_at"), "<=", sql<Date>`now()`).as("expired"),
    ])
    .where("token_hash", "=", sha256Hex(token));
}

function stateOf(row: {
  accepted_at: Date | null;
  revoked_at: Date | null;
  expired: unknown;
}): Exclude<InvitationLookup["state"], "unknown"> {
  if (row.accepted_at) return "used";
  if (row.revoked_at) return "revoked";
  if (row.expired) return "expired";
  return "pending";
}

/** What the link leads to. An unknown token and a tampered one look alike: neither matches a hash. */
export async function findInvitation(db: Executor, token: string): Promise<InvitationLookup> {
  if (!TOKEN_PATTERN.test(token)) return { state: "unknown" };
  const row = await invitationByToken(db, token).executeTakeFirst();
  if (!row) return { state: "unknown" };
  const state = stateOf(row);
  if (state !== "pending") return { state };
  return { state, email: row.email, role: row.role, expires_at: row.expires_at.toISOString() };
}

const UNUSABLE: Record<Exclude<InvitationLookup["state"], "pending">, string> = {
  unknown: "This invitation link isn't valid. Check that you copied all of it, or ask for a new one.",
  expired: "This invitation has expired. Ask whoever invited you for a new one.",
  used: "This invitation has already been used. Sign in instead.",
  revoked: "This invitation was withdrawn. Ask whoever invited you for a new one.",
};

export function unusableInvitationMessage(state: Exclude<InvitationLookup["state"], "pending">): string {
  return UNUSABLE[state];
}

/**
 * Turns a pending invitation into a user with the password they chose, and signs them in. The
 * row lock makes the link single-use even when it is opened twice at once; any failure leaves the
 * invitation pending and no user behind.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; password: string; origin?: RequestOrigin },
): Promise<SignInResult> {
  // Refuse a dead link before spending scrypt on it, and hash before the lock: scrypt is slow.
  const found = await findInvitation(db, input.token);
  if (found.state !== "pending") throw new AppError("forbidden", unusableInvitationMessage(found.state));
  const passwordHash = await hashPassword(input.password);

  return db.transaction().execute(async (trx) => {
    await sql`lock table users in share row exclusive mode`.execute(trx);
    const row = await invitationByToken(trx, input.token).forUpdate().executeTakeFirst();
    if (!row) throw new AppError("forbidden", UNUSABLE.unknown);
    const state = stateOf(row);
    if (state !== "pending") throw new AppError("forbidden", UNUSABLE[state]);
    const user = await insertUserWithHash(trx, { email: row.email, passwordHash, role: row.role });
    // The invitee made the account, by the link someone else gave them.
    await auditUserCreated(
      trx,
      { source: "admin", userId: user.id, email: user.email, origin: input.origin },
      user,
    );
    await trx
      .updateTable("invitations")
      .set({ accepted_at: sql`now()`, accepted_user_id: user.id })
      .where("id", "=", row.id)
      .execute();
    return createSession(trx, user);
  });
}
