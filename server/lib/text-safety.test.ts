import { expect, it } from "vitest";
import { findNulCharacter } from "./text-safety";

it("finds a NUL character in any string, key or value, at any depth", () => {
  expect(findNulCharacter({ email: "a@b.c", tags: ["ok"] })).toBeNull();
  expect(findNulCharacter({ first_name: "A\u0000da" })).toBe("first_name");
  expect(findNulCharacter({ tags: ["ok", "b\u0000d"] })).toBe("tags.1");
  expect(findNulCharacter({ fields: { "k\u0000": 1 } })).toBe("fields.k\u0000");
  expect(findNulCharacter("\u0000")).toBe("(value)");
  let deep: unknown = "x\u0000";
  for (let i = 0; i < 100_000; i++) deep = [deep];
  expect(findNulCharacter(deep)).toMatch(/^0(\.0)+$/);
});
