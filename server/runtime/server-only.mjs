// Lets plain Node run the server modules that start with `import "server-only"`: `npm start`,
// `npm run worker`, the CLI, the benchmarks and the e2e specs that open the database.
// The `server-only` package throws when it is loaded without the `react-server` condition, so that
// Next.js fails a build in which a client component reaches a server module (Next resolves it per
// layer itself). Outside Next there are no client components to guard against, and this resolves
// that one package — nothing else — as a server would. Loaded with `node --import` before the app.
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
