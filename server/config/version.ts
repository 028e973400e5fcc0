// The one version string: what the User-Agent of every request Hookline sends carries.
import packageJson from "@/package.json" with { type: "json" };

export const VERSION: string = packageJson.version;
export const USER_AGENT = `Hookline/${VERSION}`;
