// Invitations: owners and admins invite and revoke; the invitee, not yet signed in, accepts the link
// with their own password (the invitation page looks the link up on the server).
import { z } from "zod";
import {
  acceptInvitation,
  createInvitation,
  invitationInput,
  listPendingInvitations,
  revokeInvitation,
} from "@/server/auth/invitation.service";
import { serializeSessionCookie } from "@/server/auth/session-cookie";
import { invitationCreated, invitationResource, sessionUser } from "@/server/auth/user.schema";
import { userInput } from "@/server/auth/user.service";
import { adminProcedure, publicProcedure, router } from "../init";

const token = z.string().max(200);

export const invitationRouter = router({
  /** Pending invitations: who may still join, and until when. Never their links. */
  list: adminProcedure
    .meta({ permission: "users.read" })
    .output(z.array(invitationResource))
    .query(({ ctx }) => listPendingInvitations(ctx.db)),

  /** The answer holds the one-time link; it is not stored and can't be shown again. */
  create: adminProcedure
    .meta({ permission: "users.manage" })
    .input(invitationInput)
    .output(invitationCreated)
    .mutation(async ({ ctx, input }) => {
      const created = await createInvitation(ctx.db, { ...input, actorId: ctx.user.id, actor: ctx.actor });
      return { invitation: created.invitation, link: created.link };
    }),

  revoke: adminProcedure
    .meta({ permission: "users.manage" })
    .input(z.object({ id: z.string().max(64) }))
    .output(z.void())
    .mutation(({ ctx, input }) =>
      revokeInvitation(ctx.db, { actorId: ctx.user.id, id: input.id, actor: ctx.actor }),
    ),

  /** Creates the account with the invitee's own password and signs them in. */
  accept: publicProcedure
    .meta({ permission: "public" })
    .input(z.object({ token, password: userInput.shape.password }))
    .output(z.object({ user: sessionUser }))
    .mutation(async ({ ctx, input }) => {
      const session = await acceptInvitation(ctx.db, {
        ...input,
        origin: { ip: ctx.ip, userAgent: ctx.userAgent },
      });
      ctx.resHeaders.append("set-cookie", serializeSessionCookie(session.token, ctx.secure));
      return { user: { id: session.user.id, email: session.user.email } };
    }),
});
