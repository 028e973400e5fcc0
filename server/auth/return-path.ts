// Where sign-in sends the admin afterwards: the page they asked for, never an address off this site.

/** Set by proxy.ts on page requests: the path and query the browser asked for. */
export const REQUEST_PATH_HEADER = "x-hookline-path";

/** A path on this site, or "/" for anything else (other hosts, scheme-relative "//", backslashes). */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  // Browsers drop tabs and line breaks from a URL, which turns "/\t/evil.example" into "//evil.example".
  if ([...value].some((char) => char < " ")) return "/";
  const url = new URL(value, "http://hookline.invalid");
  return url.host === "hookline.invalid" ? `${url.pathname}${url.search}` : "/";
}

export function signInPath(returnTo: string | null | undefined): string {
  const path = safeReturnPath(returnTo);
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
