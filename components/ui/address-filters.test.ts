import { describe, expect, it } from "vitest";
import { addressSearch, appliedFilters } from "./address-filters";

describe("the filters a list queries", () => {
  const current = { q: "ada lov", status: "subscribed", tag: "vi" };
  const settled = { q: "ada", status: "", tag: "v" };

  it("takes typed fields as they stood when typing stopped, and picked ones as they are", () => {
    expect(appliedFilters(current, settled, ["q", "tag"])).toEqual({
      q: "ada",
      status: "subscribed",
      tag: "v",
    });
    expect(appliedFilters(current, settled, [])).toEqual(current);
  });

  it("waits for typing to stop on every field unless told which are typed", () => {
    expect(appliedFilters(current, settled, undefined)).toBe(settled);
  });
});

describe("the address that keeps a list's filters", () => {
  it("keeps the filled values in their order, blanks around them dropped", () => {
    expect(addressSearch({ q: "  ada lovelace ", status: "", event: "contact.created" })).toBe(
      "q=ada+lovelace&event=contact.created",
    );
  });

  it("is empty when nothing is filtered, blanks included", () => {
    expect(addressSearch({ q: "   ", status: "" })).toBe("");
  });

  it("encodes what an address can't carry as it is", () => {
    expect(addressSearch({ q: "a&b=c?#" })).toBe("q=a%26b%3Dc%3F%23");
  });
});
