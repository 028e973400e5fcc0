// Odd input on every kind of REST route (NUL bytes, huge and deeply nested values, path tricks)
// must get a 4xx, never a 5xx.
import { afterAll, beforeAll, expect, it } from "vitest";
import * as acContactSync from "@/app/api/3/contact/sync/route";
import * as acContactById from "@/app/api/3/contacts/[id]/route";
import * as acContacts from "@/app/api/3/contacts/route";
import * as acContactTagById from "@/app/api/3/contactTags/[id]/route";
import * as acContactTags from "@/app/api/3/contactTags/route";
import * as acFields from "@/app/api/3/fields/route";
import * as acEvents from "@/app/api/3/webhook/events/route";
import * as acWebhookById from "@/app/api/3/webhooks/[id]/route";
import * as acWebhooks from "@/app/api/3/webhooks/route";
import * as subscribe from "@/app/api/public/subscribe/route";
import * as contactById from "@/app/api/v1/contacts/[id]/route";
import * as contacts from "@/app/api/v1/contacts/route";
import * as deliveries from "@/app/api/v1/hooks/[id]/deliveries/route";
import * as recover from "@/app/api/v1/hooks/[id]/recover/route";
import * as hookById from "@/app/api/v1/hooks/[id]/route";
import * as hooks from "@/app/api/v1/hooks/route";
import { createApiKey } from "@/server/auth/api-key.service";
import { useDatabase } from "@/server/database";
import { callRoute } from "@/server/testing/rest-client";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";

let database: TestDatabase;
let apiKey: string;
beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
  apiKey = (await createApiKey(database.db, { name: "fuzz", createdBy: null })).secret;
});
afterAll(async () => database.close());

const weird = [
  "",
  " ",
  "\u0000",
  "a".repeat(5000),
  "💥",
  "%",
  "../../etc",
  "null",
  "{}",
  "[]",
  "-1",
  "1e309",
  "ctc_\u0000",
  `ctc_${"z".repeat(300)}`,
];
it("answers odd input with 4xx, never 5xx", async () => {
  const results: string[] = [];
  const check = async (label: string, p: Promise<{ status: number; body: unknown }>) => {
    const r = await p;
    if (r.status >= 500) results.push(`${label} → ${r.status} ${JSON.stringify(r.body)}`);
  };
  for (const w of weird) {
    const q = encodeURIComponent(w);
    await check(
      `list q=${w.slice(0, 20)}`,
      callRoute(contacts.GET, {
        path: `/api/v1/contacts?q=${q}&tag=${q}&email=${q}&cursor=${q}&limit=${q}`,
        apiKey,
      }),
    );
    await check(
      `get ${w.slice(0, 20)}`,
      callRoute(contactById.GET, { path: `/api/v1/contacts/x`, apiKey, params: { id: w } }),
    );
    await check(
      `patch ${w.slice(0, 20)}`,
      callRoute(contactById.PATCH, {
        method: "PATCH",
        path: `/api/v1/contacts/x`,
        apiKey,
        params: { id: w },
        body: { first_name: w, fields: { [w || "k"]: w } },
      }),
    );
    await check(
      `create ${w.slice(0, 20)}`,
      callRoute(contacts.POST, {
        method: "POST",
        path: `/api/v1/contacts`,
        apiKey,
        body: { email: `${w}@example.com`, first_name: w, tags: [w], fields: { k: w } },
      }),
    );
    await check(
      `hook create ${w.slice(0, 20)}`,
      callRoute(hooks.POST, {
        method: "POST",
        path: `/api/v1/hooks`,
        apiKey,
        body: { target_url: w, event: w },
      }),
    );
    await check(
      `hook create2 ${w.slice(0, 20)}`,
      callRoute(hooks.POST, {
        method: "POST",
        path: `/api/v1/hooks`,
        apiKey,
        body: { target_url: `https://example.com/${w}`, events: [w], sources: [w], payload: w },
      }),
    );
    await check(
      `hook get ${w.slice(0, 20)}`,
      callRoute(hookById.GET, { path: `/api/v1/hooks/x`, apiKey, params: { id: w } }),
    );
    await check(
      `hook patch ${w.slice(0, 20)}`,
      callRoute(hookById.PATCH, {
        method: "PATCH",
        path: `/api/v1/hooks/x`,
        apiKey,
        params: { id: w },
        body: { name: w },
      }),
    );
    await check(
      `deliveries ${w.slice(0, 20)}`,
      callRoute(deliveries.GET, {
        path: `/api/v1/hooks/x/deliveries?status=${q}&cursor=${q}&limit=${q}`,
        apiKey,
        params: { id: w },
      }),
    );
    await check(
      `recover ${w.slice(0, 20)}`,
      callRoute(recover.POST, {
        method: "POST",
        path: `/api/v1/hooks/x/recover`,
        apiKey,
        params: { id: w },
        body: { since: w },
      }),
    );
  }
  await check(
    "nested json",
    callRoute(contacts.POST, {
      method: "POST",
      path: "/api/v1/contacts",
      apiKey,
      body: `{"email":"deep@example.com","fields":${"[".repeat(100000)}${"]".repeat(100000)}}`,
    }),
  );
  await check(
    "fields object value",
    callRoute(contacts.POST, {
      method: "POST",
      path: "/api/v1/contacts",
      apiKey,
      body: { email: "obj@example.com", fields: { a: { b: 1 } } },
    }),
  );
  await check(
    "big number",
    callRoute(contacts.POST, {
      method: "POST",
      path: "/api/v1/contacts",
      apiKey,
      body: '{"email":"num@example.com","fields":{"n":1e400}}',
    }),
  );
  const publicForm = { "x-forwarded-for": "198.51.100.200" };
  await check(
    "public subscribe, NUL in JSON",
    callRoute(subscribe.POST, {
      method: "POST",
      path: "/api/public/subscribe",
      headers: publicForm,
      body: { email: "n@example.com", first_name: "A\u0000" },
    }),
  );
  await check(
    "public subscribe, NUL in a form",
    callRoute(subscribe.POST, {
      method: "POST",
      path: "/api/public/subscribe",
      headers: { ...publicForm, "content-type": "application/x-www-form-urlencoded" },
      body: "email=n%40example.com&first_name=A%00",
    }),
  );
  expect(results).toEqual([]);
});

it("answers odd input on /api/3 with 4xx in ActiveCampaign's shapes, never 5xx", async () => {
  const results: string[] = [];
  const headers = { "api-token": apiKey };
  const check = async (label: string, p: Promise<{ status: number; body: unknown }>) => {
    const r = await p;
    const body = r.body as { message?: unknown; errors?: unknown } | undefined;
    if (r.status >= 500) results.push(`${label} → ${r.status} ${JSON.stringify(r.body)}`);
    else if (r.status >= 400 && typeof body?.message !== "string" && !Array.isArray(body?.errors)) {
      results.push(`${label} → ${r.status} without AC's error shape: ${JSON.stringify(r.body)}`);
    }
  };
  for (const w of weird) {
    const q = encodeURIComponent(w);
    const odd = [w, 2 ** 64, null, [w], { [w || "k"]: w }];
    for (const value of odd) {
      await check(
        `webhook create ${w.slice(0, 20)}`,
        callRoute(acWebhooks.POST, {
          method: "POST",
          path: "/api/3/webhooks",
          headers,
          body: { webhook: { name: value, url: value, events: [value], sources: value, listid: value } },
        }),
      );
      await check(
        `webhook put ${w.slice(0, 20)}`,
        callRoute(acWebhookById.PUT, {
          method: "PUT",
          path: "/api/3/webhooks/x",
          headers,
          params: { id: w },
          body: { webhook: { name: value, url: value } },
        }),
      );
      await check(
        `contact create ${w.slice(0, 20)}`,
        callRoute(acContacts.POST, {
          method: "POST",
          path: "/api/3/contacts",
          headers,
          body: { contact: { email: value, firstName: value, fieldValues: [{ field: value, value }] } },
        }),
      );
      await check(
        `contact sync ${w.slice(0, 20)}`,
        callRoute(acContactSync.POST, {
          method: "POST",
          path: "/api/3/contact/sync",
          headers,
          body: { contact: value },
        }),
      );
      await check(
        `contact tag ${w.slice(0, 20)}`,
        callRoute(acContactTags.POST, {
          method: "POST",
          path: "/api/3/contactTags",
          headers,
          body: { contactTag: { contact: value, tag: value } },
        }),
      );
    }
    for (const [label, handler, method] of [
      ["webhook get", acWebhookById.GET, "GET"],
      ["webhook delete", acWebhookById.DELETE, "DELETE"],
      ["contact get", acContactById.GET, "GET"],
      ["contact delete", acContactById.DELETE, "DELETE"],
      ["contact tag delete", acContactTagById.DELETE, "DELETE"],
    ] as const) {
      await check(
        `${label} ${w.slice(0, 20)}`,
        callRoute(handler, { method, path: "/api/3/x", headers, params: { id: w } }),
      );
    }
    const paging = `limit=${q}&offset=${q}`;
    await check(
      `webhooks ${w.slice(0, 20)}`,
      callRoute(acWebhooks.GET, {
        path: `/api/3/webhooks?${paging}&filters[name]=${q}&filters[url]=${q}&filters[listid]=${q}`,
        headers,
      }),
    );
    await check(
      `contacts ${w.slice(0, 20)}`,
      callRoute(acContacts.GET, {
        path: `/api/3/contacts?${paging}&email=${q}&search=${q}&tagid=${q}`,
        headers,
      }),
    );
    await check(
      `events ${w.slice(0, 20)}`,
      callRoute(acEvents.GET, { path: `/api/3/webhook/events?${paging}`, headers }),
    );
    await check(
      `fields ${w.slice(0, 20)}`,
      callRoute(acFields.GET, { path: `/api/3/fields?${paging}`, headers }),
    );
  }
  expect(results).toEqual([]);
});
