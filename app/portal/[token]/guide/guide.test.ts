// The portal's receiving guide renders inside the portal layout's <main>, and may sit in an
// integrator's frame: it must bring no <main> of its own, and no link of it may take the frame to
// another page of the app. The public /docs/webhooks page, alone on its page, is one <main>.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import DocsGuidePage from "@/app/docs/webhooks/page";
import PortalGuidePage from "./page";

function links(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*>/g)].map((match) => match[0]);
}

describe("the receiving guide", () => {
  it("in the portal: no <main> of its own, and every link to the app opens a new tab", () => {
    const html = renderToStaticMarkup(createElement(PortalGuidePage));
    expect(html).toContain("Receiving webhooks");
    expect(html).not.toMatch(/<main[\s>]/);
    const leaving = links(html).filter((tag) => !/href="#/.test(tag));
    expect(leaving.length).toBeGreaterThan(0);
    for (const tag of leaving) {
      expect(tag).toMatch(/target="_blank"/);
      expect(tag).toMatch(/rel="noopener"/);
    }
  });

  it("at /docs/webhooks: one <main>, and its links stay in the tab", () => {
    const html = renderToStaticMarkup(createElement(DocsGuidePage));
    expect(html.match(/<main[\s>]/g)).toHaveLength(1);
    expect(links(html).filter((tag) => /target=/.test(tag))).toEqual([]);
  });
});
