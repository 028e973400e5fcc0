// /api/3 driven as existing ActiveCampaign integrations drive it (workflow tools' ActiveCampaign
// triggers): credential check, event picker paging, create webhook, a form-encoded delivery to a
// workflow URL that starts a run for every POST, the still-there check, and delete.
import { parse } from "node:querystring";
import { type APIResponse, expect, test } from "@playwright/test";
import { startLoopbackReceiver } from "@/server/testing/loopback-receiver";

/** A workflow URL: answers 200 to any POST and starts a run for it. */
async function startWorkflowUrl() {
  const receiver = await startLoopbackReceiver({
    path: "/webhook/ac-trigger",
    respond: (_, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end('{"message":"Workflow was started"}');
    },
  });
  return {
    url: receiver.url,
    get runs() {
      return receiver.requests.map((request) => ({
        contentType: String(request.headers["content-type"]),
        body: request.body,
      }));
    },
    close: receiver.close,
  };
}

/** As the integrations judge an answer: a non-2xx, or success: false, is an error. */
async function ok(response: APIResponse): Promise<Record<string, unknown>> {
  expect(response.status(), await response.text()).toBeGreaterThanOrEqual(200);
  expect(response.status()).toBeLessThan(300);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body.success).not.toBe(false);
  return body;
}

test("an ActiveCampaign integration checks the key, picks events, subscribes, receives, checks and unsubscribes", async ({
  page,
  request,
}) => {
  await page.goto("/api-keys");
  await page.getByLabel("New key name").fill(`ActiveCampaign trigger ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create key" }).click();
  const headers = { "Api-Token": ((await page.getByTestId("new-api-key").textContent()) ?? "").trim() };
  const workflow = await startWorkflowUrl();
  try {
    // Credential check, both ways integrations do it.
    await ok(await request.get("/api/3/users/me", { headers }));
    await ok(await request.get("/api/3/fields", { headers }));
    const refused = await request.get("/api/3/fields", { headers: { "Api-Token": "hk_wrong" } });
    expect(refused.status()).toBe(403);

    // The event picker: pages of 2 while meta.total exceeds what was read.
    const events: string[] = [];
    let total = Number.POSITIVE_INFINITY;
    while (events.length < total) {
      const page = await ok(
        await request.get(`/api/3/webhook/events?limit=2&offset=${events.length}`, { headers }),
      );
      events.push(...(page.webhookEvents as string[]));
      total = (page.meta as { total: number }).total;
    }
    expect(events).toEqual(expect.arrayContaining(["subscribe", "update", "contact_tag_added"]));

    // Activate: no handshake reaches the workflow URL, which would start a run for it.
    const created = await ok(
      await request.post("/api/3/webhooks", {
        headers,
        data: {
          webhook: { name: "n8n trigger", url: workflow.url, events: ["subscribe"], sources: ["api"] },
        },
      }),
    );
    const id = (created.webhook as { id: string }).id;
    expect(workflow.runs).toEqual([]);

    // A contact added through the API: one run, with ActiveCampaign's form body.
    const email = `ac-${Date.now().toString(36)}@example.com`;
    await ok(
      await request.post("/api/3/contacts", {
        headers,
        data: { contact: { email, firstName: "Alan", fieldValues: [{ field: "plan", value: "pro" }] } },
      }),
    );
    await expect.poll(() => workflow.runs.length, { timeout: 15_000 }).toBe(1);
    const [run] = workflow.runs;
    expect(run?.contentType).toBe("application/x-www-form-urlencoded; charset=utf-8");
    expect(parse(run?.body ?? "")).toMatchObject({
      type: "subscribe",
      initiated_from: "api",
      list: "0",
      "contact[email]": email,
      "contact[first_name]": "Alan",
      "contact[fields][plan]": "pro",
    });

    // Still there? Then deactivate.
    await ok(await request.get(`/api/3/webhooks/${id}`, { headers }));
    expect(await ok(await request.delete(`/api/3/webhooks/${id}`, { headers }))).toEqual({});
    const gone = await request.get(`/api/3/webhooks/${id}`, { headers });
    expect(gone.status()).toBe(404);
    expect(await gone.json()).toEqual({ message: `No Result found for Webhook with id ${id}` });
  } finally {
    await workflow.close();
  }
});
