import { describe, expect, it } from "vitest";
import { validateRow } from "./import.rows";

describe("validateRow", () => {
  it("takes off the quote an export put before a would-be formula", () => {
    const result = validateRow(
      ["a@example.com", "'+1 555 0100", "'=SUM(A1)", "'-5", "'@home", "'plain"],
      ["email", "phone", "first_name", "field:balance", "last_name", "field:note"],
    );
    expect(result).toEqual({
      ok: true,
      record: {
        email: "a@example.com",
        phone: "+1 555 0100",
        first_name: "=SUM(A1)",
        last_name: "@home",
        // A quote before anything else is the person's own text.
        fields: { balance: "-5", note: "'plain" },
      },
    });
  });
});
