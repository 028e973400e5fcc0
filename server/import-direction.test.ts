// Which way imports may point (docs/ARCHITECTURE.md, "The parts"): app → server → db, app →
// components, and shared/ below them all. Read from the source files themselves, so a new import
// that points the wrong way fails here rather than in review — or, for a client component that
// reaches a server module, in a browser bundle.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const LAYERS = ["app", "components", "server", "db", "shared"] as const;
type Layer = (typeof LAYERS)[number];

/** The one UI file that may name a server module, and only with `import type`: the routers' types. */
const ROUTER_TYPES = "components/trpc/router-types.ts";
/** The routers it takes the types of: the admin UI's and the portal's. */
const ROUTERS = ["server/trpc/root.ts", "server/trpc/routers/portal.router.ts"];

interface Import {
  target: string;
  typeOnly: boolean;
}

interface SourceFile {
  path: string;
  layer: Layer;
  client: boolean;
  test: boolean;
  imports: Import[];
  packages: string[];
}

function listFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = `${dir}/${name}`;
    if (statSync(path.join(ROOT, relative)).isDirectory()) return listFiles(relative);
    return /\.tsx?$/.test(name) ? [relative] : [];
  });
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'"`;]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolveImport(from: string, specifier: string): string | null {
  let target: string;
  if (specifier.startsWith("@/")) target = specifier.slice(2);
  else if (specifier.startsWith("."))
    target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  else return null;
  for (const candidate of [
    target,
    `${target}.ts`,
    `${target}.tsx`,
    `${target}/index.ts`,
    `${target}/index.tsx`,
  ]) {
    try {
      if (statSync(path.join(ROOT, candidate)).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return target;
}

function readSource(file: string): SourceFile {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const imports: Import[] = [];
  const packages: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = (match[2] ?? match[3]) as string;
    const target = resolveImport(file, specifier);
    if (target) imports.push({ target, typeOnly: Boolean(match[1]) });
    else packages.push(specifier);
  }
  return {
    path: file,
    layer: file.split("/")[0] as Layer,
    client: /^\s*(?:\/\/[^\n]*\n\s*)*["']use client["']/.test(text),
    test: /\.test\.tsx?$/.test(file) || file.startsWith("server/testing/"),
    imports,
    packages,
  };
}

const files = LAYERS.flatMap((layer) => listFiles(layer)).map(readSource);
const byPath = new Map(files.map((file) => [file.path, file]));
// Tests may reach across layers to set things up; the rules are about what ships.
const shipped = files.filter((file) => !file.test);
const layerOf = (target: string): string => target.split("/")[0] ?? "";

function violations(rule: (file: SourceFile, imported: Import) => boolean, among = shipped): string[] {
  return among.flatMap((file) =>
    file.imports
      .filter((imported) => rule(file, imported))
      .map((imported) => `${file.path} → ${imported.target}${imported.typeOnly ? " (type)" : ""}`),
  );
}

describe("import direction", () => {
  it("reads the source it judges", () => {
    // A regex that stopped matching would pass every rule below.
    expect(shipped.length).toBeGreaterThan(300);
    expect(byPath.get("server/database.ts")?.imports.map((imported) => imported.target)).toContain(
      "db/index.ts",
    );
    expect(files.filter((file) => file.client).length).toBeGreaterThan(30);
  });

  it("db/ imports nothing above it", () => {
    expect(
      violations(
        (file, { target }) =>
          file.layer === "db" && ["server", "app", "components"].includes(layerOf(target)),
      ),
    ).toEqual([]);
  });

  it("server/ imports neither app/ nor components/", () => {
    expect(
      violations(
        (file, { target }) => file.layer === "server" && ["app", "components"].includes(layerOf(target)),
      ),
    ).toEqual([]);
  });

  it("shared/ is pure: it imports only itself and zod", () => {
    expect(violations((file, { target }) => file.layer === "shared" && layerOf(target) !== "shared")).toEqual(
      [],
    );
    expect(
      shipped
        .filter((file) => file.layer === "shared" && file.packages.some((name) => name !== "zod"))
        .map((f) => f.path),
    ).toEqual([]);
  });

  it("UI code never names a server or db module, not even for types, but through the router types", () => {
    const ui = (file: SourceFile) => file.layer === "components" || file.client;
    expect(
      violations(
        (file, { target, typeOnly }) =>
          ui(file) &&
          ["server", "db", "app"].includes(layerOf(target)) &&
          !(file.layer === "app" && layerOf(target) === "app") &&
          !(file.path === ROUTER_TYPES && typeOnly && ROUTERS.includes(target)),
      ),
    ).toEqual([]);
  });

  it("no client component reaches a server or db module through its imports", () => {
    const reached = new Map<string, string>();
    const queue = files.filter((file) => file.client).map((file) => [file.path, file.path] as const);
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [current, from] = next;
      if (reached.has(current)) continue;
      reached.set(current, from);
      for (const imported of byPath.get(current)?.imports ?? []) {
        // Type-only imports are erased at build time and bundle nothing.
        if (!imported.typeOnly) queue.push([imported.target, current]);
      }
    }
    const leaks = [...reached]
      .filter(([file]) => /^(server|db)\//.test(file))
      .map(([file, from]) => `${file} (imported by ${from})`);
    expect(leaks).toEqual([]);
  });

  it("finds a cycle through any number of folders, and none in a graph without one", () => {
    const edges = (...pairs: string[]) => pairs.map((pair) => pair.split(">") as [string, string]);
    expect(foldersInCycles(edges("a>b", "b>c", "c>a", "c>d", "d>e"))).toEqual([["a", "b", "c"]]);
    expect(foldersInCycles(edges("a>b", "b>a", "c>d", "d>e", "e>c", "e>f"))).toEqual([
      ["a", "b"],
      ["c", "d", "e"],
    ]);
    expect(foldersInCycles(edges("a>b", "b>c", "a>c", "c>d"))).toEqual([]);
  });

  it("no server/ folders import each other, directly or through others", () => {
    const folderOf = (file: string) => {
      const parts = file.split("/");
      return parts[0] === "server" && parts.length > 2 ? parts[1] : null;
    };
    const crossings: Array<{ from: string; to: string; line: string }> = [];
    for (const file of shipped) {
      const from = folderOf(file.path);
      for (const { target } of file.imports) {
        const to = folderOf(target);
        if (from && to && from !== to) crossings.push({ from, to, line: `${file.path} → ${target}` });
      }
    }
    const cycles = foldersInCycles(crossings.map(({ from, to }) => [from, to])).map((cycle) =>
      [
        `${cycle.join(", ")} reach each other through:`,
        ...crossings
          .filter(({ from, to }) => cycle.includes(from) && cycle.includes(to))
          .map(({ line }) => `  ${line}`),
      ].join("\n"),
    );
    expect(cycles).toEqual([]);
  });
});

/**
 * The groups of folders that reach each other through their imports (the strongly connected
 * components of more than one folder, by Tarjan's algorithm), each sorted, sorted by their first.
 */
function foldersInCycles(edges: Array<[string, string]>): string[][] {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) {
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  const index = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (folder: string) => {
    index.set(folder, index.size);
    lowest.set(folder, index.get(folder) as number);
    stack.push(folder);
    for (const to of next.get(folder) ?? []) {
      if (!index.has(to)) {
        visit(to);
        lowest.set(folder, Math.min(lowest.get(folder) as number, lowest.get(to) as number));
      } else if (stack.includes(to)) {
        lowest.set(folder, Math.min(lowest.get(folder) as number, index.get(to) as number));
      }
    }
    if (lowest.get(folder) !== index.get(folder)) return;
    const component = stack.splice(stack.indexOf(folder));
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const folder of next.keys()) if (!index.has(folder)) visit(folder);
  return cycles.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}
