// `npm run cli` as a person runs it: a real process against a real database.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenDatabase, openDatabase } from "@/db";
import { authenticateApiKey } from "@/server/auth/api-key.service";
import { getSessionUser, signIn } from "@/server/auth/session.service";
import { setTwoFactorRequirement } from "@/server/auth/two-factor/two-factor-requirement.service";
import { sessionOf } from "@/server/testing/sign-in";
import { createTestDatabase } from "@/server/testing/test-database";
import { turnOnTwoFactor } from "@/server/testing/two-factor";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

/**
 * One CLI run's budget: a cold Node start that compiles the CLI's TypeScript on the fly, opens the
 * database and, for most commands, hashes a password (slow by design) — about 1.5 s of CPU, so a
 * second or two on an idle machine and over 20 s on a loaded one. A run that takes longer is stuck
 * and fails on its own.
 */
const CLI_RUN_MS = 60_000;
/**
 * A test's timeout: the budgets of the most CLI runs a test here makes (five), and one more for
 * what it does in this process (signing in hashes passwords too). vitest's default, made for
 * in-process tests, was a wall-clock bound on five processes' start-ups that a loaded machine overran.
 */
const TEST_MS = (5 + 1) * CLI_RUN_MS;

// PostgreSQL: a database of this file's own. PGlite: a fresh data directory that only the CLI
// process opens while it runs (an embedded database takes one process at a time).
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;
let open: () => Promise<OpenDatabase>;

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    env = { ...process.env, DATABASE_URL: database.location };
    open = async () => ({ ...database, close: async () => {} });
    cleanup = () => database.close();
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "hookline-cli-"));
    env = { ...process.env, DATABASE_URL: "", HOOKLINE_DATA_DIR: dir };
    open = () => openDatabase({ dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await cleanup();
});

function cli(...args: string[]) {
  return run(TSX, ["--import", "./server/runtime/server-only.mjs", "server/cli.ts", ...args], {
    env,
    timeout: CLI_RUN_MS,
  });
}

describe("npm run cli", { timeout: TEST_MS }, () => {
  it("creates an admin who can sign in, and an API key printed on the last line", async () => {
    const user = await cli(
      "user",
      "create",
      "--email",
      "Ops@Example.com",
      "--password",
      "a long enough password",
    );
    expect(user.stdout).toContain("Created owner ops@example.com");
    const key = await cli("api-key", "create", "--name", "Zapier");
    const lastLine = key.stdout.trim().split("\n").at(-1) ?? "";
    const scoped = await cli(
      "api-key",
      "create",
      ...["--name", "Reader", "--scope", "hooks", "--scope", "contacts:read", "--expires", "2099-01-01"],
    );
    expect(scoped.stdout).toContain("scopes contacts:read, hooks, expires 2099-01-01T00:00:00.000Z");
    const scopedKey = scoped.stdout.trim().split("\n").at(-1) ?? "";
    expect(lastLine).toMatch(/^hk_[0-9A-Za-z]{32,}$/);

    const opened = await open();
    try {
      await expect(authenticateApiKey(opened.db, lastLine)).resolves.toMatchObject({
        name: "Zapier",
        scopes: null,
      });
      await expect(authenticateApiKey(opened.db, scopedKey)).resolves.toMatchObject({
        scopes: ["contacts:read", "hooks"],
      });
      await expect(
        signIn(opened.db, { email: "ops@example.com", password: "a long enough password", ip: "test" }),
      ).resolves.toMatchObject({ user: { email: "ops@example.com" } });
    } finally {
      await opened.close();
    }
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    "refuses to open the embedded database another process holds, with one clear line",
    async () => {
      const opened = await open();
      try {
        const refusal = await cli("api-key", "create", "--name", "Second process").catch((error) => error);
        expect(refusal).toMatchObject({ code: 1 });
        expect(refusal.stderr.trim()).toMatch(
          /^Error: The embedded database in .+ is in use by process \d+\./,
        );
        expect(refusal.stderr).not.toContain("    at ");
      } finally {
        await opened.close();
      }
    },
  );

  it("resets a locked-out admin's password: old sessions end, the lock lifts, the new password works", async () => {
    await cli("user", "create", "--email", "locked@example.com", "--password", "the original password");
    let session: string;
    let opened = await open();
    try {
      ({ token: session } = sessionOf(
        await signIn(opened.db, {
          email: "locked@example.com",
          password: "the original password",
          ip: "test",
        }),
      ));
      // Enough wrong guesses to lock the account.
      for (let i = 0; i < 6; i++) {
        await signIn(opened.db, {
          email: "locked@example.com",
          password: "wrong guess",
          ip: `10.0.0.${i}`,
        }).catch(() => {});
      }
      await expect(
        signIn(opened.db, { email: "locked@example.com", password: "the original password", ip: "test" }),
      ).rejects.toMatchObject({ code: "rate_limited" });
    } finally {
      await opened.close();
    }

    const reset = await cli(
      "user",
      "reset-password",
      "--email",
      "Locked@Example.com",
      "--password",
      "a brand new password",
    );
    expect(reset.stdout).toContain("Set a new password for locked@example.com; signed out 1 session(s)");

    opened = await open();
    try {
      expect(await getSessionUser(opened.db, session)).toBeNull();
      await expect(
        signIn(opened.db, { email: "locked@example.com", password: "the original password", ip: "test" }),
      ).rejects.toMatchObject({ code: "unauthorized" });
      await expect(
        signIn(opened.db, { email: "locked@example.com", password: "a brand new password", ip: "test" }),
      ).resolves.toMatchObject({ user: { email: "locked@example.com" } });
    } finally {
      await opened.close();
    }

    await expect(
      cli("user", "reset-password", "--email", "nobody@example.com", "--password", "a brand new password"),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("No admin has the email nobody@example.com."),
    });
  });

  it("creates a user with a role, and makes a user an owner again (the way back in for owners)", async () => {
    const created = await cli(
      "user",
      "create",
      "--email",
      "demoted@example.com",
      "--password",
      "a long enough password",
      "--role",
      "viewer",
    );
    expect(created.stdout).toContain("Created viewer demoted@example.com");
    await expect(
      cli(
        "user",
        "create",
        "--email",
        "x@example.com",
        "--password",
        "a long enough password",
        "--role",
        "root",
      ),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("Choose --role from owner, admin") });

    const promoted = await cli("user", "make-owner", "--email", "Demoted@Example.com");
    expect(promoted.stdout).toContain("demoted@example.com is an owner now (was viewer).");
    const again = await cli("user", "make-owner", "--email", "demoted@example.com");
    expect(again.stdout).toContain("demoted@example.com is already an owner.");
    const opened = await open();
    try {
      const row = await opened.db
        .selectFrom("users")
        .select("role")
        .where("email", "=", "demoted@example.com")
        .executeTakeFirstOrThrow();
      expect(row.role).toBe("owner");
    } finally {
      await opened.close();
    }
    await expect(cli("user", "make-owner", "--email", "nobody@example.com")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("No user has the email nobody@example.com."),
    });
  });

  it("turns two-factor sign-in off for an admin who lost their phone, and says so", async () => {
    const email = "phone-lost@example.com";
    await cli("user", "create", "--email", email, "--password", "the original password");
    let opened = await open();
    try {
      const user = await opened.db
        .selectFrom("users")
        .select(["id", "role"])
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
      await turnOnTwoFactor(opened.db, user.id);
      await setTwoFactorRequirement(opened.db, {
        actor: user,
        required: true,
        auditActor: { source: "system", job: "test" },
      });
    } finally {
      await opened.close();
    }

    const reset = await cli("user", "reset-password", "--email", email, "--password", "a brand new password");
    expect(reset.stdout).toContain(
      "Two-factor sign-in is off for them now; as every admin must use it, they set it up again right after signing in.",
    );
    opened = await open();
    try {
      // The new password alone signs in, to a session that leads straight to the set-up.
      await expect(
        signIn(opened.db, { email, password: "a brand new password", ip: "test" }),
      ).resolves.toMatchObject({ next: "signed_in", user: { email, mustSetUpTwoFactor: true } });
      await opened.db.updateTable("security_settings").set({ require_two_factor: false }).execute();
    } finally {
      await opened.close();
    }
    // Nothing to turn off: nothing said of it.
    const again = await cli("user", "reset-password", "--email", email, "--password", "another new password");
    expect(again.stdout).not.toContain("Two-factor");
  });

  it("refuses bad input with a clear message and a failing exit code", async () => {
    await expect(cli("user", "create", "--email", "nope", "--password", "short")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Enter a valid email address."),
    });
    await expect(cli("api-key", "create")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("--name"),
    });
    await expect(cli("api-key", "create", "--name", "X", "--scope", "admin")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Each --scope is one of contacts:read"),
    });
    await expect(cli("api-key", "create", "--name", "X", "--expires", "2001-01-01")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("in the future"),
    });
    await expect(cli("frobnicate")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Usage:"),
    });
  });
});
