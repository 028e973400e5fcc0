// Every route that takes a body, sent 64 MiB by a client that is not signed in — with a declared
// Content-Length, and streamed without one — answers at once, and the server's memory stays flat.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type HooklineProcess, residentBytes, startHookline } from "./support/hookline-process";
import { send } from "./support/http";

const BODY_BYTES = 64 * 1024 * 1024;
const MEMORY_GROWTH_LIMIT = 50 * 1024 * 1024;

interface Case {
  /** The route file, relative to app/. */
  file: string;
  method: "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  contentType: string;
  /** The answer when the body is too large; routes that never read a body answer as they would anyway. */
  status: number | { declared: number; streamed: number };
  /** Plain HTML forms are answered with a redirect back to their page, naming the error. */
  location?: string;
}

const json = "application/json";
const form = "application/x-www-form-urlencoded";
const CASES: Case[] = [
  {
    file: "api/trpc/[trpc]/route.ts",
    method: "POST",
    path: "/api/trpc/auth.signIn",
    contentType: json,
    status: 413,
  },
  {
    file: "api/trpc/[trpc]/route.ts",
    method: "POST",
    path: "/api/trpc/auth.setup",
    contentType: json,
    status: 413,
  },
  // The portal's own tRPC door: the same limit, before the link is even looked at.
  {
    file: "api/portal/trpc/[trpc]/route.ts",
    method: "POST",
    path: "/api/portal/trpc/hooks.create",
    contentType: json,
    status: 413,
  },
  {
    file: "api/public/subscribe/route.ts",
    method: "POST",
    path: "/api/public/subscribe",
    contentType: json,
    status: 413,
  },
  {
    file: "api/public/subscribe/route.ts",
    method: "POST",
    path: "/api/public/subscribe",
    contentType: form,
    status: 303,
    location: "/subscribe?error=payload_too_large",
  },
  { file: "u/[token]/route.ts", method: "POST", path: "/u/some-token", contentType: form, status: 413 },
  // The one route that takes more than a megabyte (CSV files) reads only for a signed-in admin.
  {
    file: "(admin)/imports/upload/route.ts",
    method: "POST",
    path: "/imports/upload?name=big.csv",
    contentType: "text/csv",
    status: { declared: 413, streamed: 401 },
  },
  {
    file: "api/v1/contacts/route.ts",
    method: "POST",
    path: "/api/v1/contacts",
    contentType: json,
    status: 413,
  },
  {
    file: "api/v1/contacts/[id]/route.ts",
    method: "PATCH",
    path: "/api/v1/contacts/ctc_x",
    contentType: json,
    status: 413,
  },
  {
    file: "api/v1/contacts/[id]/route.ts",
    method: "DELETE",
    path: "/api/v1/contacts/ctc_x",
    contentType: json,
    status: 401,
  },
  {
    file: "api/v1/contacts/[id]/tags/route.ts",
    method: "POST",
    path: "/api/v1/contacts/ctc_x/tags",
    contentType: json,
    status: 413,
  },
  {
    file: "api/v1/contacts/[id]/tags/[tag]/route.ts",
    method: "DELETE",
    path: "/api/v1/contacts/ctc_x/tags/vip",
    contentType: json,
    status: 401,
  },
  { file: "api/v1/hooks/route.ts", method: "POST", path: "/api/v1/hooks", contentType: json, status: 413 },
  {
    file: "api/v1/portal-sessions/route.ts",
    method: "POST",
    path: "/api/v1/portal-sessions",
    contentType: json,
    status: 413,
  },
  {
    file: "api/v1/hooks/[id]/route.ts",
    method: "PATCH",
    path: "/api/v1/hooks/hook_x",
    contentType: json,
    status: 413,
  },
  {
    file: "api/v1/hooks/[id]/route.ts",
    method: "DELETE",
    path: "/api/v1/hooks/hook_x",
    contentType: json,
    status: 401,
  },
  {
    file: "api/v1/hooks/[id]/recover/route.ts",
    method: "POST",
    path: "/api/v1/hooks/hook_x/recover",
    contentType: json,
    status: 413,
  },
  {
    file: "api/v1/hooks/[id]/activate/route.ts",
    method: "POST",
    path: "/api/v1/hooks/hook_x/activate",
    contentType: json,
    status: 401,
  },
  {
    file: "api/v1/hooks/[id]/ping/route.ts",
    method: "POST",
    path: "/api/v1/hooks/hook_x/ping",
    contentType: json,
    status: 401,
  },
  {
    file: "api/v1/hooks/[id]/rotate-secret/route.ts",
    method: "POST",
    path: "/api/v1/hooks/hook_x/rotate-secret",
    contentType: json,
    status: 401,
  },
  {
    file: "api/v1/hooks/[id]/deliveries/[delivery_id]/redeliver/route.ts",
    method: "POST",
    path: "/api/v1/hooks/hook_x/deliveries/msg_x/redeliver",
    contentType: json,
    status: 401,
  },
  {
    file: "api/v1/hooks/[id]/test/route.ts",
    method: "POST",
    path: "/api/v1/hooks/hook_x/test",
    contentType: json,
    status: 413,
  },
  // ActiveCampaign's /api/3: the same reading, AC's own answers (403 for a missing key).
  {
    file: "api/3/contacts/route.ts",
    method: "POST",
    path: "/api/3/contacts",
    contentType: json,
    status: 413,
  },
  {
    file: "api/3/contacts/[id]/route.ts",
    method: "PUT",
    path: "/api/3/contacts/ctc_x",
    contentType: json,
    status: 413,
  },
  {
    file: "api/3/contacts/[id]/route.ts",
    method: "DELETE",
    path: "/api/3/contacts/ctc_x",
    contentType: json,
    status: 403,
  },
  {
    file: "api/3/contact/sync/route.ts",
    method: "POST",
    path: "/api/3/contact/sync",
    contentType: json,
    status: 413,
  },
  {
    file: "api/3/contactTags/route.ts",
    method: "POST",
    path: "/api/3/contactTags",
    contentType: json,
    status: 413,
  },
  {
    file: "api/3/contactTags/[id]/route.ts",
    method: "DELETE",
    path: "/api/3/contactTags/7",
    contentType: json,
    status: 403,
  },
  {
    file: "api/3/webhooks/route.ts",
    method: "POST",
    path: "/api/3/webhooks",
    contentType: json,
    status: 413,
  },
  {
    file: "api/3/webhooks/[id]/route.ts",
    method: "PUT",
    path: "/api/3/webhooks/hook_x",
    contentType: json,
    status: 413,
  },
  {
    file: "api/3/webhooks/[id]/route.ts",
    method: "DELETE",
    path: "/api/3/webhooks/hook_x",
    contentType: json,
    status: 403,
  },
  // Paths no route serves, and a known path asked with a method it doesn't serve.
  ...(["POST", "PUT", "PATCH", "DELETE"] as const).flatMap((method): Case[] => [
    {
      file: "api/v1/[[...path]]/route.ts",
      method,
      path: "/api/v1/nothing/here",
      contentType: json,
      status: 404,
    },
    {
      file: "api/3/[[...path]]/route.ts",
      method,
      path: "/api/3/nothing/here",
      contentType: json,
      status: 404,
    },
  ]),
  { file: "api/v1/events/route.ts", method: "POST", path: "/api/v1/events", contentType: json, status: 405 },
  {
    file: "api/internal/deliveries/tick/route.ts",
    method: "POST",
    path: "/api/internal/deliveries/tick",
    contentType: json,
    status: 403,
  },
];

/** Every route handler's methods that may carry a body, from the source tree. */
function mutatingRoutes(): string[] {
  const appDir = path.resolve(import.meta.dirname, "../app");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === "route.ts") {
        const source = readFileSync(full, "utf8");
        for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
          const exported = new RegExp(
            `(const|function) ${method}\\b|as ${method}\\b|export const \\{[^}]*\\b${method}\\b`,
          );
          if (exported.test(source)) {
            found.push(`${method} ${path.relative(appDir, full)}`);
          }
        }
      }
    }
  };
  walk(appDir);
  return found.sort();
}

let hookline: HooklineProcess;
test.beforeAll(async () => {
  hookline = await startHookline();
});
test.afterAll(async () => {
  await hookline?.dispose();
});

test("every route that can take a body is in this spec", () => {
  const covered = new Set(CASES.map((c) => `${c.method} ${c.file}`));
  expect(mutatingRoutes().filter((route) => !covered.has(route))).toEqual([]);
});

test("a 64 MiB body is answered at once, and the server's memory stays flat", async () => {
  test.setTimeout(180_000);
  const chunk = Buffer.alloc(64 * 1024, "a");
  const origin = hookline.url;
  // Each route once with a small body first: loading its code is not what is measured.
  for (const c of CASES) {
    await send(`${hookline.url}${c.path}`, {
      method: c.method,
      headers: { "content-type": c.contentType, origin },
      body: "{}",
    });
  }
  const baseline = residentBytes(hookline.serverPid);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentBytes(hookline.serverPid));
  }, 10);
  try {
    for (const c of CASES) {
      for (const mode of ["declared", "streamed"] as const) {
        const expected = typeof c.status === "number" ? c.status : c.status[mode];
        const headers = {
          "content-type": c.contentType,
          origin,
          ...(mode === "declared"
            ? { "content-length": String(BODY_BYTES) }
            : { "transfer-encoding": "chunked" }),
        };
        const answer = await send(`${hookline.url}${c.path}`, {
          method: c.method,
          headers,
          stream: { chunk, total: BODY_BYTES },
        });
        expect(answer.status, `${c.method} ${c.path} (${mode}, ${c.contentType})`).toBe(expected);
        if (c.location) expect(answer.headers.location).toBe(c.location);
        if (expected === 413 && c.contentType === json && !c.path.startsWith("/api/trpc")) {
          // The API's envelope; ActiveCampaign's own {message} under /api/3.
          expect(JSON.parse(answer.body)).toMatchObject(
            c.path.startsWith("/api/3/")
              ? { message: expect.any(String) }
              : { error: { code: "payload_too_large" } },
          );
        }
      }
    }
  } finally {
    clearInterval(sampler);
  }
  console.log(`resident memory grew by ${((peak - baseline) / 1048576).toFixed(1)} MiB`);
  expect(peak - baseline).toBeLessThan(MEMORY_GROWTH_LIMIT);
  // Still serving.
  expect((await fetch(`${hookline.url}/api/health`)).status).toBe(200);
});
