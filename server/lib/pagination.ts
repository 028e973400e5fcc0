// Keyset cursors: opaque to clients, an id (or a small tuple) underneath.
import { AppError } from "@/server/errors";

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export function encodeCursor(value: string): string {
  return Buffer.from(value, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const value = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[a-z]+_[0-9A-Za-z]+$/.test(value)) throw new AppError("bad_request", "The cursor is not valid.");
  return value;
}

/** Rows were fetched with limit + 1; the extra one only tells whether another page exists. */
export function toPage<Row extends { id: string }, T>(
  rows: Row[],
  limit: number,
  map: (row: Row) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { data: pageRows.map(map), next_cursor: hasMore && last ? encodeCursor(last.id) : null };
}

export function iso(date: Date): string {
  return date.toISOString();
}
