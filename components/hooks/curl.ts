// A shell command that sends a recorded request again, byte for byte.

/** POSIX single quoting: everything literal; a ' becomes '\'' (close, escaped quote, reopen). */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Headers curl works out for itself from the URL and body; sending recorded ones could contradict it. */
const COMPUTED = new Set(["host", "content-length", "connection", "transfer-encoding"]);

export function curlCommand(url: string, headers: Record<string, string>, body: string): string {
  const parts = [`curl -X POST ${shellQuote(url)}`];
  for (const [name, value] of Object.entries(headers)) {
    if (COMPUTED.has(name.toLowerCase())) continue;
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  parts.push(`--data-raw ${shellQuote(body)}`);
  return parts.join(" \\\n  ");
}

/** Pretty-printed JSON when it is JSON; otherwise the text as it came. */
export function prettyBody(body: string): string {
  if (body.trim() === "") return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
