// Runs once when the Next.js server starts. The services are Node.js code: the import sits inside
// the NEXT_RUNTIME check, which Next.js resolves at build time, so no Edge bundle ever includes them.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startAppServices } = await import("@/server/runtime/app-services");
    await startAppServices();
  }
}
