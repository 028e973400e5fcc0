// `npm run cli -- <command>`: admin tasks from a shell.
import { parseArgs } from "node:util";
import { migrateToLatest, openDatabase } from "@/db";
import { apiKeyName, createApiKey } from "@/server/auth/api-key.service";
import { getTwoFactorRequirement } from "@/server/auth/two-factor/two-factor-requirement.service";
import { createUser, makeOwner, resetPassword, userInput } from "@/server/auth/user.service";
import { ConfigError, config } from "@/server/config/config";
import { AppError } from "@/server/errors";
import { API_KEY_SCOPES, apiKeyScopesInput } from "@/shared/api-key-scopes";
import { isRole, ROLE_LABELS, ROLES } from "@/shared/permissions";

const USAGE = `Usage:
  npm run cli -- user create --email <email> --password <password> [--role owner|admin|marketer|viewer]   (an owner unless --role says otherwise)
  npm run cli -- user reset-password --email <email> --password <new password>   (also turns two-factor sign-in off)
  npm run cli -- user make-owner --email <email>
  npm run cli -- api-key create --name <name> [--scope <scope>]… [--expires <date>]
      scopes: ${API_KEY_SCOPES.join(", ")} (none given: full access); --expires e.g. 2027-06-30
  npm run cli -- db migrate`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      scope: { type: "string", multiple: true },
      expires: { type: "string" },
      role: { type: "string" },
    },
  });
  const command = positionals.join(" ");
  if (
    !["user create", "user reset-password", "user make-owner", "api-key create", "db migrate"].includes(
      command,
    )
  ) {
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
      const role = values.role ?? "owner";
      if (!isRole(role)) throw new AppError("validation_failed", `Choose --role from ${ROLES.join(", ")}.`);
      const user = await createUser(opened.db, parseUser(values), { role });
      console.log(`Created ${ROLE_LABELS[role].one.toLowerCase()} ${user.email} (${user.id}).`);
    } else if (command === "user make-owner") {
      const email = userInput.shape.email.safeParse(values.email ?? "");
      if (!email.success) throw new AppError("validation_failed", "Give the user's email with --email.");
      const { previousRole } = await makeOwner(opened.db, email.data);
      console.log(
        previousRole === "owner"
          ? `${email.data} is already an owner.`
          : `${email.data} is an owner now (was ${ROLE_LABELS[previousRole].one.toLowerCase()}).`,
      );
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
      const { apiKey, secret } = await createApiKey(opened.db, {
        name: name.data,
        createdBy: null,
        ...parseKeyLimits(values),
      });
      const access = apiKey.scopes ? `scopes ${apiKey.scopes.join(", ")}` : "full access";
      const until = apiKey.expires_at ? `, expires ${apiKey.expires_at}` : "";
      console.log(
        `Created API key "${apiKey.name}" (${apiKey.id}; ${access}${until}). It is shown only this once:`,
      );
      console.log(secret);
    }
  } finally {
    await opened.close();
  }
}

/** --scope (repeatable; none is full access) and --expires (a date or an ISO time). */
function parseKeyLimits(values: { scope?: string[] | undefined; expires?: string | undefined }) {
  let scopes = null;
  if (values.scope?.length) {
    const parsed = apiKeyScopesInput.safeParse(values.scope);
    if (!parsed.success)
      throw new AppError("validation_failed", `Each --scope is one of ${API_KEY_SCOPES.join(", ")}.`);
    scopes = parsed.data;
  }
  let expiresAt = null;
  if (values.expires !== undefined) {
    expiresAt = new Date(values.expires);
    if (Number.isNaN(expiresAt.getTime())) {
      throw new AppError(
        "validation_failed",
        "Give --expires as a date (2027-06-30) or a time (2027-06-30T12:00:00Z).",
      );
    }
  }
  return { scopes, expiresAt };
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
