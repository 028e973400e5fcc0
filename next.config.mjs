/** @type {import("next").NextConfig} */
const config = {
  // A separate build folder per checkout or test run lets two builds run side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // PGlite loads its WASM and data files relative to its own module; bundling it breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
};

export default config;
