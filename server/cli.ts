// `npm run cli -- <command>`: admin tasks from a shell.
import { parseArgs } from "node:util";
import { migrateToLatest, openDatabase } from "@/db";
import { apiKeyName, createApiKey } from "@/server/auth/api-key.service";
import { createUser, userInput } from "@/server/auth/user.service";
import { AppError } from "@/server/errors";

const USAGE = `Usage:
  npm run cli -- user create --email <email> --password <password>
  npm run cli -- api-key create --name <name>
  npm run cli -- db migrate`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
  });
  const command = positionals.join(" ");
  if (!["user create", "api-key create", "db migrate"].includes(command)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const opened = await openDatabase({ url: process.env.DATABASE_URL || undefined });
  try {
    await migrateToLatest(opened.db);
    if (command === "db migrate") {
      console.log(`Database is up to date (${opened.kind}).`);
    } else if (command === "user create") {
      const input = userInput.safeParse({ email: values.email, password: values.password });
      if (!input.success)
        throw new AppError("validation_failed", input.error.issues.map((i) => i.message).join(" "));
      const user = await createUser(opened.db, input.data);
      console.log(`Created admin ${user.email} (${user.id}).`);
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

main(process.argv.slice(2)).catch((error: unknown) => {
  // A person reads this: the message, and the stack only when asked for (DEBUG=1).
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.DEBUG && error instanceof Error && !(error instanceof AppError)) console.error(error.stack);
  process.exitCode = 1;
});
