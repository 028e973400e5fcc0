// The public pages' name, logo, colour and copy: stored in the database, validated on the way in,
// and the same on the subscribe page and the unsubscribe page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/events/actor";
import { renderUnsubscribePage } from "@/server/public/unsubscribe.html";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { DEFAULT_BRANDING } from "@/shared/branding.schema";
import { getBranding, saveBranding } from "./branding";

let database: TestDatabase;
const admin: Actor = { source: "admin", userId: "usr_brand", email: "brand@example.com" };

function auditRows() {
  return database.db.selectFrom("audit_log").selectAll().where("object_type", "=", "settings").execute();
}
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("public page branding", () => {
  it("is Hookline's until an admin says otherwise, then theirs", async () => {
    expect(await getBranding(database.db)).toEqual(DEFAULT_BRANDING);
    const saved = await saveBranding(database.db, {
      actor: admin,
      input: {
        ...DEFAULT_BRANDING,
        name: "Acme News",
        logo_url: "https://acme.example/logo.png",
        color: "#0F766E",
        subscribe_title: "Get the Acme letter",
        footer: "Acme Inc., 1 Road, Town",
      },
    });
    expect(saved.color).toBe("#0f766e");
    expect(await getBranding(database.db)).toEqual(saved);
    // One audit row, with the fields that changed.
    const rows = await auditRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "settings.branding_changed", actor_label: "brand@example.com" });
    expect(rows[0]?.changes.name).toEqual({ before: DEFAULT_BRANDING.name, after: "Acme News" });
    expect(Object.keys(rows[0]?.changes ?? {})).not.toContain("privacy_url");
    // Saving the same again changes nothing and records nothing.
    await saveBranding(database.db, { actor: admin, input: saved });
    expect(await auditRows()).toHaveLength(1);
  });

  it("refuses what could break or hijack a page, and keeps what was there", async () => {
    const before = await getBranding(database.db);
    for (const bad of [
      { color: "red; background:url(x)" },
      { logo_url: "javascript:alert(1)" },
      { logo_url: "http://insecure.example/logo.png" },
      { name: "" },
      { subscribe_title: "x".repeat(201) },
    ]) {
      await expect(
        saveBranding(database.db, { actor: admin, input: { ...before, ...bad } }),
      ).rejects.toMatchObject({
        code: "validation_failed",
      });
    }
    expect(await getBranding(database.db)).toEqual(before);
    expect(await auditRows()).toHaveLength(1);
  });

  it("dresses the unsubscribe page like the subscribe page, escaped", async () => {
    const branding = { ...DEFAULT_BRANDING, name: "<Acme & Co>", color: "#0f766e", footer: "Sent by <Acme>" };
    const page = renderUnsubscribePage({ state: "subscribed", email: "ada@example.com" }, "/u/t", branding);
    expect(page).toContain("&#60;Acme &#38; Co&#62;");
    expect(page).toContain("#0f766e");
    expect(page).toContain("Sent by &#60;Acme&#62;");
    expect(page).not.toContain("<Acme");
  });
});
