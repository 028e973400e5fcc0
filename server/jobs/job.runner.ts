// The background runner for system work: CSV imports, bulk changes and exports of contacts,
// automation rules, history retention and small clean-ups.
// Started once per server process from instrumentation.ts. Every job claims its work in the
// database (SKIP LOCKED or a lease), so any number of processes can run this side by side.
import { hostname } from "node:os";
import type { Db } from "@/db";
import { reportDatabaseFailure } from "@/db/availability";
import { vacuumEmbedded } from "@/db/embedded-maintenance";
import { pruneAuthRecords } from "@/server/auth/session.service";
import { sealPlaintextTotpSecrets } from "@/server/auth/two-factor/totp-secret-box";
import { runAutomations } from "@/server/automations/automation.service";
import { config } from "@/server/config/config";
import { processBulkJobs } from "@/server/contacts/contact.bulk-job";
import { processContactExports, pruneContactExports } from "@/server/contacts/contact.export-job";
import { processImports } from "@/server/imports/import.runner";
import { pruneImportDrafts } from "@/server/imports/import.service";
import { randomBase62 } from "@/server/lib/ids";
import { logger } from "@/server/logging/logger";
import { recordRetentionRun } from "@/server/metrics/metrics";
import { pruneRateLimits } from "@/server/public/rate-limit";
import { pruneHistory } from "@/server/retention/retention.service";

const IMPORT_POLL_MS = 1000;
const AUTOMATION_EVERY_MS = 15_000;
const CLEANUP_EVERY_MS = 10 * 60_000;

interface Runner {
  stop: () => Promise<void>;
  wake: () => void;
}

const holder = globalThis as { __hooklineJobs?: Runner };

/** Makes a waiting runner look for new imports and jobs now rather than at its next poll. */
export function wakeJobRunner(): void {
  holder.__hooklineJobs?.wake();
}

/** `embedded`: the database is PGlite, which the clean-up round vacuums (it has no autovacuum). */
export function startJobRunner(db: Db, options: { embedded: boolean }): Runner {
  if (holder.__hooklineJobs) return holder.__hooklineJobs;
  const owner = `${hostname()}:${process.pid}:${randomBase62(6)}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let nextAutomation = 0;
  let nextCleanup = 0;
  let busy = false;

  const tick = async () => {
    try {
      await processImports(db, owner);
      await processBulkJobs(db, owner);
      await processContactExports(db, owner);
      if (Date.now() >= nextAutomation) {
        nextAutomation = Date.now() + AUTOMATION_EVERY_MS;
        await runAutomations(db);
      }
      if (Date.now() >= nextCleanup) {
        nextCleanup = Date.now() + CLEANUP_EVERY_MS;
        await pruneRateLimits(db);
        await pruneImportDrafts(db);
        await pruneAuthRecords(db);
        // Authenticator secrets stored in the clear before they were sealed (totp-secret-box.ts).
        await sealPlaintextTotpSecrets(db);
        await pruneContactExports(db);
        if (options.embedded) await vacuumEmbedded(db);
        const days = config().retentionDays;
        if (days !== null) {
          const pruned = await pruneHistory(db, { days });
          recordRetentionRun(pruned);
          if (pruned.deliveries + pruned.events > 0) {
            logger("retention").info({ ...pruned, days }, "deleted history older than the retention period");
          }
        }
      }
    } catch (error) {
      // A database hiccup must not stop the loop; the next tick tries again. An outage is logged
      // once, by the availability tracker, not at every tick.
      if (!reportDatabaseFailure(error)) logger("jobs").error({ err: error }, "tick failed");
    }
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      busy = true;
      running = tick().finally(() => {
        busy = false;
        schedule(IMPORT_POLL_MS);
      });
    }, delay);
    timer.unref();
  };

  const runner: Runner = {
    wake: () => {
      // Only between ticks: a running tick picks new imports up itself before it ends.
      if (!stopped && !busy) schedule(0);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      holder.__hooklineJobs = undefined;
    },
  };
  holder.__hooklineJobs = runner;
  schedule(0);
  return runner;
}
