// Admin users: the one-time setup of the first admin, and creating more from the CLI.
import { sql } from "kysely";
import { z } from "zod";
import type { Db, Executor } from "@/db";
import { AppError, isUniqueViolation } from "@/server/errors";
import { newId } from "@/server/lib/ids";
import { hashPassword } from "./password";

export const userInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: z
    .string()
    .min(10, "Use at least 10 characters for the password.")
    .max(200, "Use at most 200 characters for the password."),
});
export type UserInput = z.infer<typeof userInput>;

export interface UserResource {
  id: string;
  email: string;
  created_at: string;
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

async function insertUser(db: Executor, input: UserInput): Promise<UserResource> {
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await db
      .insertInto("users")
      .values({ id: newId("usr"), email: input.email, password_hash: passwordHash })
      .returning(["id", "email", "created_at"])
      .executeTakeFirstOrThrow();
    return { id: row.id, email: row.email, created_at: row.created_at.toISOString() };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "A user with this email already exists.");
    throw error;
  }
}

export function createUser(db: Db, input: UserInput): Promise<UserResource> {
  return insertUser(db, input);
}

/**
 * Creates the first admin, and only while there is none. The table lock makes two racing setup
 * requests create one admin, not two.
 */
export function createFirstAdmin(db: Db, input: UserInput): Promise<UserResource> {
  return db.transaction().execute(async (trx) => {
    await sql`lock table users in exclusive mode`.execute(trx);
    const existing = await trx.selectFrom("users").select("id").limit(1).executeTakeFirst();
    if (existing) throw new AppError("forbidden", "Hookline is already set up. Sign in instead.");
    return insertUser(trx, input);
  });
}
