/** A count with its noun, in the app's number format: "1 attempt", "2,345 attempts". */
export function quantity(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? singular : plural}`;
}

/** A file size as people read it: "812 bytes", "4.2 KB", "1.3 MB" (powers of 1,024). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return quantity(bytes, "byte");
  const units = ["KB", "MB", "GB"];
  let size = bytes / 1024;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${size.toLocaleString("en", { maximumFractionDigits: 1 })} ${units[unit]}`;
}
