// `npm run cli -- <command>`: admin tasks from a shell.
import { parseArgs } from "node:util";
import { migrateToLatest, openDatabase } from "@/db";
import { apiKeyName, createApiKey } from "@/server/auth/api-key.service";
import { getTwoFactorRequirement } from "@/server/auth/two-factor/two-factor-requirement.service";
import { createUser, resetPassword, userInput } from "@/server/auth/user.service";
import { ConfigError, config } from "@/server/config/config";
import { AppError } from "@/server/errors";

const USAGE = `Usage:
  npm run cli -- user create --email <email> --password <password>
  npm run cli -- user reset-password --email <email> --password <new password>   (also turns two-factor sign-in off)
  npm run cli -- api-key create --name <name>
  npm run cli -- db migrate`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
  });
  const command = positionals.join(" ");
  if (!["user create", "user reset-password", "api-key create", "db migrate"].includes(command)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const { databaseUrl, dataDir, preparedStatements } = config();
  const opened = await openDatabase({ url: databaseUrl, dataDir, preparedStatements });
  try {
    await migrateToLatest(opened.db);
    if (command === "db migrate") {
      console.log(`Database is up to date (${opened.kind}).`);
    } else if (command === "user create") {
      const user = await createUser(opened.db, parseUser(values));
      console.log(`Created admin ${user.email} (${user.id}).`);
    } else if (command === "user reset-password") {
      const input = parseUser(values);
      const { signedOutSessions, twoFactorCleared } = await resetPassword(opened.db, input);
      console.log(
        `Set a new password for ${input.email}; signed out ${signedOutSessions} session(s) and lifted any sign-in lock.`,
      );
      if (twoFactorCleared) {
        const { required } = await getTwoFactorRequirement(opened.db);
        console.log(
          required
            ? "Two-factor sign-in is off for them now; as every admin must use it, they set it up again right after signing in."
            : "Two-factor sign-in is off for them now; they can set it up again in Settings.",
        );
      }
    } else {
      const name = apiKeyName.safeParse(values.name ?? "");
      if (!name.success) throw new AppError("validation_failed", "Give the key a name with --name.");
      const { apiKey, secret } = await createApiKey(opened.db, { name: name.data, createdBy: null });
      console.log(`Created API key "${apiKey.name}" (${apiKey.id}). It is shown only this once:`);
      console.log(secret);
    }
  } finally {
    await opened.close();
  }
}

function parseUser(values: { email?: string | undefined; password?: string | undefined }) {
  const input = userInput.safeParse({ email: values.email, password: values.password });
  if (!input.success) {
    throw new AppError("validation_failed", input.error.issues.map((i) => i.message).join(" "));
  }
  return input.data;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // A person reads this: the message, and the stack only when asked for (DEBUG=1).
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  const debug = !(error instanceof ConfigError) && config().debug;
  if (debug && error instanceof Error && !(error instanceof AppError)) console.error(error.stack);
  process.exitCode = 1;
});
