// The in-process door: the Next.js server runs one delivery loop beside its requests, unless
// HOOKLINE_WORKER=off (when standalone workers or the cron tick do the sending instead).
import { config } from "@/server/config/config";
import { getDatabase } from "@/server/database";
import { DeliveryEngine } from "./engine/delivery.engine";

const holder = globalThis as { __hooklineEngine?: Promise<DeliveryEngine | undefined> };

/** Starts the loop once per process (Next's dev reloads call register() again). */
export function startInProcessEngine(): Promise<DeliveryEngine | undefined> {
  holder.__hooklineEngine ??= (async () => {
    if (!config().inProcessWorker) return undefined;
    const engine = new DeliveryEngine(await getDatabase());
    // No signal handlers here: they would replace Next's own exit. A delivery cut off by the
    // process ending is sent again once its lease runs out.
    await engine.start();
    return engine;
  })();
  return holder.__hooklineEngine;
}
