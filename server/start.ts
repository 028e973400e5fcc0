// `npm start`: builds the app when there is no build or the sources changed since it, then serves
// it in this process until SIGTERM or SIGINT, and stops cleanly within HOOKLINE_SHUTDOWN_SECONDS.
import path from "node:path";
import { type Config, ConfigError, loadConfig } from "./config/config";
import { buildApp, buildReason, formatElapsed } from "./runtime/build";
import { type RunningServer, serve } from "./runtime/http-server";
import { needsSetup } from "./runtime/lifecycle";
import { nextEnvironment } from "./runtime/next-environment";

const ROOT = path.resolve(import.meta.dirname, "..");

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  let settings: Config;
  try {
    settings = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  // The build and the server in this process both read these (Next.js decides telemetry and its
  // production mode from the environment).
  Object.assign(process.env, nextEnvironment(process.env, settings));

  let stopRequested = false;
  let onStop: (signal: NodeJS.Signals) => void = () => {
    stopRequested = true;
  };
  // npm, a supervisor or Ctrl-C (which signals the whole process group, npm too: the same signal
  // may come twice) — one stop either way.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => onStop(signal));

  const reason = buildReason(ROOT, process.env.NEXT_DIST_DIR ?? ".next");
  if (reason) {
    console.log(reason);
    const started = Date.now();
    const build = buildApp(ROOT, process.env);
    onStop = () => {
      stopRequested = true;
      build.child.kill("SIGTERM");
    };
    const code = await build.done;
    if (stopRequested) {
      console.log("Stopped before the build finished.");
      process.exit(0);
    }
    if (code !== 0) fail(`The build failed (exit code ${code}); see its output above.`);
    console.log(`Built in ${formatElapsed(Date.now() - started)}.`);
  }
  if (stopRequested) process.exit(0);

  // The server runs the delivery loop, which makes short-lived garbage at every send: package.json
  // starts this process with a 32 MB young generation (V8's default is 16), which halves the time
  // spent collecting it (CPU profiles of `npm run bench`: 8–12 % → 5 %) for ~40 MB more memory.
  let server: RunningServer;
  try {
    server = await serve({
      dir: ROOT,
      port: settings.port,
      host: settings.host,
      https: settings.https,
      portalFrameAncestors: settings.portalFrameAncestors,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") fail(`Port ${settings.port} is in use: stop what holds it or set PORT.`);
    throw error;
  }
  const stop = async (signal: NodeJS.Signals) => {
    console.log(`${signal}: stopping Hookline (at most ${formatElapsed(settings.shutdownMs)})…`);
    const started = Date.now();
    // The last resort if a step hangs: exit anyway, saying so. The data directory's lock names
    // this process, so it is stale (and taken over) once the process is gone.
    setTimeout(() => {
      console.error(`Hookline did not stop within ${formatElapsed(settings.shutdownMs)}; exiting anyway.`);
      process.exit(1);
    }, settings.shutdownMs).unref();
    // What is left after the work and requests is for closing the database.
    await server.stop(Math.max(settings.shutdownMs - 2000, settings.shutdownMs / 2));
    console.log(`Hookline stopped in ${formatElapsed(Date.now() - started)}.`);
    process.exit(0);
  };
  let stopping = false;
  onStop = (signal) => {
    if (stopping) return;
    stopping = true;
    void stop(signal);
  };
  if (stopRequested) return onStop("SIGTERM");

  if (!server.healthy) {
    console.log(`Hookline is listening on ${server.url}, but its database is not answering yet.`);
    return;
  }
  // Asked before printing, and printed in one write, so that the two lines come out together: a
  // reader of the log that stops at "ready" has the whole message (two writes to a pipe may reach
  // it as two reads).
  const firstRun = await needsSetup();
  const ready = `Hookline is ready: open ${settings.publicUrl || server.url}`;
  console.log(
    firstRun ? `${ready}\nNo admin yet: your first visit there creates the first admin account.` : ready,
  );
}

main().catch((error: unknown) => {
  console.error("Hookline failed to start:", error);
  process.exit(1);
});
