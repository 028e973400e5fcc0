// PGlite runs no autovacuum: without it the dead row versions every update leaves (each delivery
// attempt updates its row) are never reclaimed, the files only grow, and the planner's row
// estimates — which the admin lists show as totals past 10,000 — drift far above the truth (four
// times the rows after three updates of each). The job runner calls this on its clean-up round.
import { sql } from "kysely";
import type { Db } from "./index";

export async function vacuumEmbedded(db: Db): Promise<void> {
  await sql`vacuum (analyze)`.execute(db);
}
