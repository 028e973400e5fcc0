/** A count with its noun, in the app's number format: "1 attempt", "2,345 attempts". */
export function quantity(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? singular : plural}`;
}
