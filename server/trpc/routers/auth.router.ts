import { z } from "zod";
import { createSession, signIn, signOut } from "@/server/auth/session.service";
import {
  clearSessionCookie,
  clearSignInChallengeCookie,
  serializeSessionCookie,
  serializeSignInChallengeCookie,
} from "@/server/auth/session-cookie";
import { completeSignIn } from "@/server/auth/two-factor/two-factor-sign-in.service";
import { authStatus, sessionUser, signInCodeAccepted, signInOutcome } from "@/server/auth/user.schema";
import { createFirstAdmin, hasAnyUser, userInput } from "@/server/auth/user.service";
import { AppError } from "@/server/errors";
import { publicProcedure, router, signedInProcedure } from "../init";

export const authRouter = router({
  status: publicProcedure
    .meta({ permission: "public" })
    .output(authStatus)
    .query(async ({ ctx }) => ({ needsSetup: !(await hasAnyUser(ctx.db)), user: ctx.user })),

  setup: publicProcedure
    .meta({ permission: "public" })
    .input(userInput)
    .output(sessionUser)
    .mutation(async ({ ctx, input }) => {
      const user = await createFirstAdmin(ctx.db, input);
      const session = await createSession(ctx.db, user);
      ctx.resHeaders.append("set-cookie", serializeSessionCookie(session.token, ctx.secure));
      return session.user;
    }),

  /**
   * The password step. With two-factor sign-in on, a right password gives no session yet: only a
   * short-lived challenge cookie, which `verifySignInCode` exchanges for one.
   */
  signIn: publicProcedure
    .meta({ permission: "public" })
    .input(z.object({ email: z.string().max(254), password: z.string().max(200) }))
    .output(signInOutcome)
    .mutation(async ({ ctx, input }) => {
      const outcome = await signIn(ctx.db, { ...input, ip: ctx.ip });
      if (outcome.next === "second_factor") {
        ctx.resHeaders.append(
          "set-cookie",
          serializeSignInChallengeCookie(outcome.challengeToken, ctx.secure),
        );
        return { next: "second_factor" as const };
      }
      ctx.resHeaders.append("set-cookie", serializeSessionCookie(outcome.token, ctx.secure));
      return { next: "signed_in" as const, user: outcome.user };
    }),

  /** The second step: a code from the authenticator app, or a recovery code. */
  verifySignInCode: publicProcedure
    .meta({ permission: "public" })
    .input(z.object({ code: z.string().trim().min(1, "Enter the code from your app.").max(64) }))
    .output(signInCodeAccepted)
    .mutation(async ({ ctx, input }) => {
      try {
        const session = await completeSignIn(ctx.db, {
          challengeToken: ctx.signInChallengeToken,
          code: input.code,
          ip: ctx.ip,
        });
        ctx.resHeaders.append("set-cookie", clearSignInChallengeCookie(ctx.secure));
        ctx.resHeaders.append("set-cookie", serializeSessionCookie(session.token, ctx.secure));
        return { user: session.user, usedRecoveryCode: session.usedRecoveryCode };
      } catch (error) {
        // A challenge that is gone stays gone: the browser forgets its cookie too.
        if (error instanceof AppError && error.code === "unauthorized") {
          ctx.resHeaders.append("set-cookie", clearSignInChallengeCookie(ctx.secure));
        }
        throw error;
      }
    }),

  signOut: signedInProcedure
    .meta({ permission: "account.manage" })
    .output(z.void())
    .mutation(async ({ ctx }) => {
      await signOut(ctx.db, ctx.sessionToken);
      ctx.resHeaders.append("set-cookie", clearSessionCookie(ctx.secure));
    }),
});
