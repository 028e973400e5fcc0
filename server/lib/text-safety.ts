// PostgreSQL text and jsonb cannot hold the NUL character: a string carrying one fails deep in
// a query as an "invalid byte sequence" error. Inputs are checked for it at the door instead.
import { AppError } from "@/server/errors";

/** The path of the first string (key or value) containing NUL, or null. Iterative: input depth is the client's choice. */
export function findNulCharacter(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === "string") {
      if (current.includes("\u0000")) return path || "(value)";
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => {
        stack.push([item, path ? `${path}.${index}` : String(index)]);
      });
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const itemPath = path ? `${path}.${key}` : key;
        if (key.includes("\u0000")) return itemPath;
        stack.push([item, itemPath]);
      }
    }
  }
  return null;
}

/** Throws the API's 400 validation_failed, naming the field, when any string holds a NUL. */
export function assertNoNulCharacter<T>(input: T): T {
  const path = findNulCharacter(input);
  if (path) {
    throw new AppError("validation_failed", "Text may not contain the NUL character (\\u0000).", {
      details: [{ path, message: "Remove the NUL character (\\u0000)." }],
    });
  }
  return input;
}
