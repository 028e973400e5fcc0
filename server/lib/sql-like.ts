// LIKE patterns from what a person typed: %, _ and \ are text to match, not wildcards.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Searches shorter than this have no trigram to look up, so they match a prefix instead. */
export const TRIGRAM_MIN = 3;
