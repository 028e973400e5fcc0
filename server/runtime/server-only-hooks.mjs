// Node module hooks (registered by server-only.mjs): "server-only" resolves with the react-server
// condition, to its empty module; every other specifier resolves as before.
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}
