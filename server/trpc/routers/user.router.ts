// Admin accounts from the settings page: every user is an admin, so any admin manages them all.
import { z } from "zod";
import { timeZoneSetting } from "@/server/auth/time-zones";
import {
  changePassword,
  createUser,
  deleteUser,
  listUsers,
  setTimeZone,
  userInput,
} from "@/server/auth/user.service";
import { adminProcedure, router, signedInProcedure } from "../init";

const user = z.object({ id: z.string(), email: z.string(), created_at: z.string() });
const admin = user.extend({ last_sign_in_at: z.string().nullable(), two_factor: z.boolean() });

const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword: userInput.shape.password,
  })
  .refine((values) => values.currentPassword !== values.newPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });

export const userRouter = router({
  list: adminProcedure.output(z.array(admin)).query(({ ctx }) => listUsers(ctx.db)),

  create: adminProcedure
    .input(userInput)
    .output(user)
    // The password is the creating admin's choice: the new admin replaces it at first sign-in.
    .mutation(({ ctx, input }) => createUser(ctx.db, input, { chosenByAnother: true, actor: ctx.actor })),

  // Open before two-factor set-up: an admin given a password chooses their own first.
  changePassword: signedInProcedure
    .input(changePasswordInput)
    .output(z.object({ signedOutSessions: z.number().int() }))
    .mutation(({ ctx, input }) =>
      changePassword(ctx.db, {
        userId: ctx.user.id,
        ...input,
        keepSessionToken: ctx.sessionToken,
        actor: ctx.actor,
      }),
    ),

  setTimeZone: adminProcedure
    .input(z.object({ timeZone: timeZoneSetting }))
    .output(z.void())
    .mutation(({ ctx, input }) =>
      setTimeZone(ctx.db, { userId: ctx.user.id, timeZone: input.timeZone, actor: ctx.actor }),
    ),

  delete: adminProcedure
    .input(z.object({ id: z.string().max(64) }))
    .output(z.void())
    .mutation(({ ctx, input }) =>
      deleteUser(ctx.db, { actorId: ctx.user.id, id: input.id, actor: ctx.actor }),
    ),
});
