// Reading small request bodies without letting a client make us buffer a large one.
import { AppError } from "@/server/errors";
import { readCappedBytes } from "@/server/lib/request-body";

export async function readCappedText(request: Request, maxBytes: number): Promise<string> {
  const bytes = await readCappedBytes(request, maxBytes, tooLarge);
  return bytes.toString("utf8");
}

function tooLarge(): AppError {
  return new AppError("payload_too_large", "The request body is too large.");
}
