// The rules for a password someone chooses for themself (setup, an invitation), as the server
// checks them, with the second typing that catches a slip.
import { z } from "zod";

export const newPassword = z
  .string()
  .min(10, "Use at least 10 characters for the password.")
  .max(200, "Use at most 200 characters for the password.");

/** `.refine(...passwordsMatch)` on a schema with `password` and `confirm`. */
export const passwordsMatch: [
  (values: { password: string; confirm: string }) => boolean,
  { path: string[]; message: string },
] = [
  (values) => values.password === values.confirm,
  { path: ["confirm"], message: "The passwords don't match." },
];
