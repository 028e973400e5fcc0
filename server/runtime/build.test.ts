// The first `npm start` builds for a while: what it prints meanwhile.
import { expect, it } from "vitest";
import { formatElapsed, runWithProgress } from "./build";

it("relays the build's own lines and says how long it has run when it goes quiet", async () => {
  const lines: string[] = [];
  const script = `console.log("Creating an optimized production build ..."); setTimeout(() => console.error("Compiled"), 700);`;
  const build = runWithProgress(process.execPath, ["-e", script], {
    cwd: process.cwd(),
    env: process.env,
    quietMs: 250,
    write: (line) => lines.push(line),
  });
  expect(await build.done).toBe(0);
  // The child's own lines, in order; a slow machine may start it late, so a quiet line can come
  // first too, but the 700 ms between its lines always holds at least one.
  const first = lines.indexOf("Creating an optimized production build ...");
  const last = lines.indexOf("Compiled");
  expect(first).toBeGreaterThanOrEqual(0);
  expect(last).toBeGreaterThan(first + 1);
  const quiet = lines.filter((_, index) => index !== first && index !== last);
  for (const line of quiet) expect(line).toMatch(/^ {2}… still building \(\d+ s\)$/);
});

it("reports a build that fails", async () => {
  const build = runWithProgress(process.execPath, ["-e", "process.exit(3)"], {
    cwd: process.cwd(),
    env: process.env,
    write: () => {},
  });
  expect(await build.done).toBe(3);
});

it("formats elapsed time for people", () => {
  expect(formatElapsed(4_400)).toBe("4 s");
  expect(formatElapsed(112_000)).toBe("1 min 52 s");
});
