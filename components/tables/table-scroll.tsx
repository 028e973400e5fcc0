import type { ReactNode } from "react";

/**
 * The box a table scrolls sideways in, so a wide table never widens the page on a phone. Relative,
 * so absolutely positioned content (a visually hidden header label) is held by it, not the page.
 */
export function TableScroll({ children }: { children: ReactNode }) {
  return <div className="relative overflow-x-auto">{children}</div>;
}
