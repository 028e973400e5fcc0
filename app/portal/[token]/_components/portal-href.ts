/** The portal's paths, all under its token (server and client components alike). */
export function portalHref(token: string, path = ""): string {
  return `/portal/${token}${path}`;
}
