import { z } from "zod";
import { createSession, signIn, signOut } from "@/server/auth/session.service";
import { clearSessionCookie, serializeSessionCookie } from "@/server/auth/session-cookie";
import { createFirstAdmin, hasAnyUser, userInput } from "@/server/auth/user.service";
import { adminProcedure, publicProcedure, router } from "../init";

const sessionUser = z.object({ id: z.string(), email: z.string() });

export const authRouter = router({
  status: publicProcedure
    .output(z.object({ needsSetup: z.boolean(), user: sessionUser.nullable() }))
    .query(async ({ ctx }) => ({ needsSetup: !(await hasAnyUser(ctx.db)), user: ctx.user })),

  setup: publicProcedure
    .input(userInput)
    .output(sessionUser)
    .mutation(async ({ ctx, input }) => {
      const user = await createFirstAdmin(ctx.db, input);
      const session = await createSession(ctx.db, {
        id: user.id,
        email: user.email,
        mustChangePassword: false,
      });
      ctx.resHeaders.append("set-cookie", serializeSessionCookie(session.token, ctx.secure));
      return session.user;
    }),

  signIn: publicProcedure
    .input(z.object({ email: z.string().max(254), password: z.string().max(200) }))
    .output(sessionUser)
    .mutation(async ({ ctx, input }) => {
      const session = await signIn(ctx.db, { ...input, ip: ctx.ip });
      ctx.resHeaders.append("set-cookie", serializeSessionCookie(session.token, ctx.secure));
      return session.user;
    }),

  signOut: adminProcedure.output(z.void()).mutation(async ({ ctx }) => {
    await signOut(ctx.db, ctx.sessionToken);
    ctx.resHeaders.append("set-cookie", clearSessionCookie(ctx.secure));
  }),
});
