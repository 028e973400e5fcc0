// Where the serving process and the app it serves meet. Next.js bundles the app's modules (the
// delivery engine, the job runner, the database handle), so the server that wraps Next in
// server/runtime/ cannot import them; both sides reach this record on globalThis instead.

/** A part of the app that must stop before the process exits; given the time it may take. */
export type StopStep = (graceMs: number) => Promise<void>;

interface Lifecycle {
  /** Background work (the delivery loop, the job runner): stopped first, side by side. */
  work: Map<string, StopStep>;
  /** What the work and the requests use (the database): closed once both are done. */
  storage: Map<string, StopStep>;
  needsSetup?: () => Promise<boolean>;
}

const holder = globalThis as { __hooklineLifecycle?: Lifecycle };

function lifecycle(): Lifecycle {
  holder.__hooklineLifecycle ??= { work: new Map(), storage: new Map() };
  return holder.__hooklineLifecycle;
}

/** Registers (or replaces, by name) something to stop at shutdown. */
export function onShutdown(phase: "work" | "storage", name: string, stop: StopStep): void {
  lifecycle()[phase].set(name, stop);
}

/** Tells the server how to find out whether the first admin still has to be created. */
export function provideSetupCheck(check: () => Promise<boolean>): void {
  lifecycle().needsSetup = check;
}

/** Whether the first visit will create the first admin; undefined when the app can't say (yet). */
export async function needsSetup(): Promise<boolean | undefined> {
  return lifecycle()
    .needsSetup?.()
    .catch(() => undefined);
}

/**
 * Runs one phase's steps side by side, each given what is left of graceMs. A step that fails is
 * reported and the others still run, so the database is closed (and its lock freed) whatever
 * happened to the work before it.
 */
export async function stopPhase(
  phase: "work" | "storage",
  graceMs: number,
  onError: (name: string, error: unknown) => void,
): Promise<void> {
  const deadline = Date.now() + graceMs;
  await Promise.all(
    [...lifecycle()[phase]].map(async ([name, stop]) => {
      try {
        await stop(Math.max(0, deadline - Date.now()));
      } catch (error) {
        onError(name, error);
      }
    }),
  );
  lifecycle()[phase].clear();
}
