// An admin makes a hook in ActiveCampaign's body format and sends it an example event from its
// page: the receiver gets AC's form body, marked as a test and signed, and the history logs it.
import { parse } from "node:querystring";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { bodySignature, secretKey } from "@/server/delivery/signing";
import { type HookReceiver, startHookReceiver } from "./hook-receiver";

let receiver: HookReceiver;
test.beforeAll(async () => {
  receiver = await startHookReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

test("a hook in the ActiveCampaign format gets a signed example event, marked as a test", async ({
  page,
}) => {
  const name = `AC example ${Date.now().toString(36)}`;
  await page.goto("/hooks");
  await expect(page.getByRole("link", { name: "Receiving guide" })).toHaveAttribute("href", "/docs/webhooks");
  await page.goto("/hooks/new");
  await page.getByLabel("Target URL").fill(receiver.url);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Body format").selectOption("activecampaign");
  await expect(page.getByLabel("Payload")).toBeDisabled();
  await page.getByRole("button", { name: "Create hook" }).click();
  await expect(page.getByText("The hook is active.")).toBeVisible();
  const secret = (await page.getByTestId("secret-value").textContent()) ?? "";
  await page.getByRole("link", { name: "Open hook" }).click();
  await expect(page.getByText("ActiveCampaign form body")).toBeVisible();

  const before = receiver.deliveries.length;
  await page.getByLabel("Example of").selectOption("contact.tag_added");
  await page.getByRole("button", { name: "Send example event" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Queued as msg_/ })).toBeVisible();
  const history = page.getByRole("table", { name: "Delivery history" });
  await expect(history.getByRole("row").filter({ hasText: "contact.tag_added" })).toContainText("delivered", {
    timeout: 15_000,
  });

  const delivery = receiver.deliveries.slice(before).find((request) => request.body.includes("test=1"));
  if (!delivery) throw new Error("the example event did not arrive");
  expect(delivery.headers["content-type"]).toBe("application/x-www-form-urlencoded; charset=utf-8");
  expect(parse(delivery.body)).toMatchObject({
    type: "contact_tag_added",
    test: "1",
    "contact[email]": "ada@example.com",
    tag: "newsletter",
  });
  const headers = Object.fromEntries(
    Object.entries(delivery.headers).map(([key, value]) => [key, String(value)]),
  );
  expect(() => new Webhook(secret).verify(delivery.body, headers, { jsonParse: false })).not.toThrow();
  expect(headers["x-hook-signature"]).toBe(bodySignature(secretKey(secret), delivery.body));

  // The events list tells the made-up example from a real change.
  await history
    .getByRole("row")
    .filter({ hasText: "contact.tag_added" })
    .getByRole("link", { name: "contact.tag_added" })
    .click();
  await expect(page.getByText(/test example/)).toBeVisible();
});
