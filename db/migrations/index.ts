// Every migration, in order. Listed by hand (not read from disk) so bundlers see them.
import type { Migration } from "kysely";
import * as foundation from "./2026_11_28_0001_foundation";
import * as hooks from "./2026_11_28_0002_hooks";

export const migrations: Record<string, Migration> = {
  "2026_11_28_0001_foundation": foundation,
  "2026_11_28_0002_hooks": hooks,
};
